import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../language/ast.js';
import { normalizeStatements } from '../../language/normalize.js';
import { mapNames } from '../../language/operands.js';
import { parseProgram } from '../../language/parse.js';
import { printProgram } from '../../language/print.js';
import { renameCanonically, renameKeys, renameLiveRanges } from '../../language/rename.js';
import { validateProgram } from '../../language/validate.js';
import { PROPERTY_RUNS, programArbitrary } from './statementArbitrary.js';

const renameText = (text: string) => {
  const { program } = parseProgram(text);
  return printProgram({ ...program, statements: renameCanonically(program.statements) });
};

describe('renameCanonically', () => {
  it('numbers names in order of first binding, raw blocks included', () => {
    expect(renameText('first = Obj()\nlst = [first]\nblk = malloc(8)\nfirst.a = lst\nb2 = realloc(blk, 9)\nlst = None\ndel first\nfree(b2)\n')).toBe(
      'v0 = Obj()\nv1 = [v0]\nv2 = malloc(8)\nv0.a = v1\nv3 = realloc(v2, 9)\nv1 = None\ndel v0\nfree(v3)\n',
    );
  });

  it('gives a rebound name its first number again', () => {
    expect(renameText('q = []\ndel q\np = []\nq = [p]\n')).toBe('v0 = []\ndel v0\nv1 = []\nv0 = [v1]\n');
  });

  it('leaves keys, slots and literals alone and drops locations', () => {
    const [s] = renameCanonically(parseProgram("d = {'d': d0}\n").program.statements);
    expect(s).toEqual({ kind: 'newDict', target: 'v1', entries: [['d', 'v0']] });
  });

  it('maps programs that differ only in names to the same text (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(programArbitrary, (p) => {
        const statements = normalizeStatements(p.statements);
        const disguised = statements.map((s) => mapNames(s, (name) => `q_${name}`));
        const canonical = renameCanonically(statements);
        expect(renameCanonically(disguised)).toEqual(canonical);
        expect(renameCanonically(canonical)).toEqual(canonical);
        expect(validateProgram({ statements: canonical, geometry: p.geometry })).toEqual([]);
      }),
      PROPERTY_RUNS,
    );
  });

  it('handles names read before any binding (invalid programs) deterministically', () => {
    const statements: Statement[] = [{ kind: 'rebind', target: 'a', source: 'b' }];
    expect(renameCanonically(statements)).toEqual([{ kind: 'rebind', target: 'v1', source: 'v0' }]);
  });
});

describe('renameLiveRanges', () => {
  const live = (text: string) => {
    const { program } = parseProgram(text);
    return printProgram({ ...program, statements: renameLiveRanges(program.statements) });
  };

  it('gives a name bound again after del a new number, and a rebinding its old one', () => {
    expect(live('q = Obj()\ndel q\nq = []\n')).toBe('v0 = Obj()\ndel v0\nv1 = []\n');
    expect(live('q = Obj()\ndel q\nz = []\n')).toBe('v0 = Obj()\ndel v0\nv1 = []\n');
    expect(live('q = Obj()\nq = [q]\nq.append(q)\n')).toBe('v0 = Obj()\nv0 = [v0]\nv0.append(v0)\n');
  });

  it('renameKeys names dict keys a, b, … by first appearance, the same key the same everywhere', () => {
    const { program } = parseProgram("x = []\nd = {'zz': x, 'q': x}\nd['q'] = d\nd.pop('zz')\ndel d['q']\n");
    expect(printProgram({ ...program, statements: renameKeys(program.statements) }))
      .toBe("x = []\nd = {'a': x, 'b': x}\nd['b'] = d\nd.pop('a')\ndel d['b']\n");
  });

  it('keeps programs valid and is idempotent (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(programArbitrary, (p) => {
        const statements = normalizeStatements(p.statements);
        const renamed = renameKeys(renameLiveRanges(statements));
        expect(renameKeys(renameLiveRanges(renamed))).toEqual(renamed);
        expect(validateProgram({ statements: renamed, geometry: p.geometry })).toEqual([]);
      }),
      PROPERTY_RUNS,
    );
  });
});
