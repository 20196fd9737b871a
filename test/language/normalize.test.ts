import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CPYTHON_GEOMETRY } from '../../language/ast.js';
import { normalizeStatements } from '../../language/normalize.js';
import { parseProgram } from '../../language/parse.js';
import { printProgram } from '../../language/print.js';
import { validateProgram } from '../../language/validate.js';
import { PROPERTY_RUNS, programArbitrary } from './statementArbitrary.js';

const normalizeText = (text: string) => {
  const { program } = parseProgram(text);
  return printProgram({ ...program, statements: normalizeStatements(program.statements) });
};

describe('normalizeStatements', () => {
  it('drops uses of a name whose binding was deleted, and what depended on them', () => {
    expect(normalizeText('y = [x]\nz = (y,)\nw = []\nw.append(z)\nw.append(w)\n')).toBe('w = []\nw.append(w)\n');
  });

  it('drops a statement that a deletion made invalid, and keeps one it made valid', () => {
    // After a shrinker removes `free(m)`, the second free becomes the first and is kept.
    expect(normalizeText('m = malloc(8)\nfree(m)\n')).toBe('m = malloc(8)\nfree(m)\n');
    expect(normalizeText('m = malloc(8)\nx = []\nx.pop()\nx.append(x)\nx.pop(0)\nx.pop(0)\n')).toBe(
      'm = malloc(8)\nx = []\nx.append(x)\nx.pop(0)\n',
    );
  });

  it('keeps a valid program unchanged', () => {
    const text = "o = Obj()\nd = {'k': o}\no.a = d\nw = weakref.ref(o, on_clear)\ndel o, d\ngc.collect(0)\n";
    expect(normalizeText(text)).toBe(text);
  });

  it('yields programs that validate clean (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(programArbitrary, (p) => {
        const statements = normalizeStatements(p.statements);
        expect(validateProgram({ statements, geometry: p.geometry })).toEqual([]);
      }),
      PROPERTY_RUNS,
    );
  });

  it('is idempotent and only ever drops statements (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(programArbitrary, (p) => {
        const once = normalizeStatements(p.statements);
        expect(normalizeStatements(once)).toEqual(once);
        let next = 0;
        for (const s of once) {
          next = p.statements.indexOf(s, next) + 1;
          expect(next).toBeGreaterThan(0);
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('keeps enough of random programs to be a useful check', () => {
    // Guards the tests above against passing vacuously on programs normalized to nothing.
    const samples = fc.sample(programArbitrary, { seed: PROPERTY_RUNS.seed, numRuns: 200 });
    const kept = samples.reduce((n, p) => n + normalizeStatements(p.statements).length, 0);
    expect(kept).toBeGreaterThan(1000);
    expect(validateProgram({ statements: [], geometry: CPYTHON_GEOMETRY })).toEqual([]);
  });
});
