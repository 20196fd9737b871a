import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Program, Statement } from '../../language/ast.js';
import { operandNames } from '../../language/operands.js';
import { parseProgram } from '../../language/parse.js';
import { printProgram, printStatement } from '../../language/print.js';
import { PROPERTY_RUNS, programArbitrary, statementArbitrary } from './statementArbitrary.js';

const withoutLoc = ({ loc: _loc, ...rest }: Statement) => rest;
const stripLocs = (p: Program) => ({ ...p, statements: p.statements.map(withoutLoc) });

describe('printStatement', () => {
  it.each<[Statement, string]>([
    [{ kind: 'newDict', target: 'd', entries: [['k', 'a'], ['j', 'b']] }, "d = {'k': a, 'j': b}"],
    [{ kind: 'newTuple', target: 't', items: ['a'] }, 't = (a,)'],
    [{ kind: 'newTuple', target: 't', items: ['a', 'b'] }, 't = (a, b)'],
    [{ kind: 'newWeakref', target: 'w', referent: 'o', callback: true }, 'w = weakref.ref(o, on_clear)'],
    [{ kind: 'pop', container: 'd', index: 'k' }, "d.pop('k')"],
    [{ kind: 'delItem', container: 'x', index: -1 }, 'del x[-1]'],
    [{ kind: 'del', names: ['a', 'b'] }, 'del a, b'],
    [{ kind: 'collect', generation: 2, explicitGeneration: false }, 'gc.collect()'],
    [{ kind: 'collect', generation: 2, explicitGeneration: true }, 'gc.collect(2)'],
    [{ kind: 'setThreshold', thresholds: [700, 10, -1] }, 'gc.set_threshold(700, 10, -1)'],
    [{ kind: 'setDebug', saveAll: true }, 'gc.set_debug(gc.DEBUG_SAVEALL)'],
  ])('%j', (s, text) => {
    expect(printStatement(s)).toBe(text);
  });
});

describe('printProgram', () => {
  it('puts the # pymem: line first only when the version or the geometry is not the default', () => {
    const statements: Statement[] = [{ kind: 'fork' }];
    expect(printProgram({ statements, geometry: { poolSize: 16384, arenaSize: 1 << 20 }, cpython: '3.11' })).toBe('fork()\n');
    expect(printProgram({ statements, geometry: { poolSize: 1024, arenaSize: 4096 }, cpython: '3.11' })).toBe(
      '# pymem: pool_size=1024 arena_size=4096\nfork()\n',
    );
    expect(printProgram({ statements, geometry: { poolSize: 16384, arenaSize: 1 << 20 }, cpython: '3.13' })).toBe('# pymem: cpython=3.13\nfork()\n');
    expect(printProgram({ statements, geometry: { poolSize: 1024, arenaSize: 4096 }, cpython: '3.12' })).toBe(
      '# pymem: cpython=3.12 pool_size=1024 arena_size=4096\nfork()\n',
    );
  });

  it('reads the version back from the header, and rejects an unknown one', () => {
    expect(parseProgram('# pymem: cpython=3.12\nx = []\n').program.cpython).toBe('3.12');
    expect(parseProgram('x = []\n').program.cpython).toBe('3.11');
    expect(parseProgram('# pymem: arena_size=4096 cpython=3.13 pool_size=1024\nx = []\n').program).toMatchObject({
      cpython: '3.13', geometry: { poolSize: 1024, arenaSize: 4096 },
    });
    expect(parseProgram('# pymem: cpython=3.10\nx = []\n').diagnostics.map((d) => d.message)).toEqual([
      "expected cpython=3.11|3.12|3.13, found 'cpython=3.10'",
    ]);
  });

  it('canonicalises what the parser accepts loosely', () => {
    const { program } = parseProgram('x=[ a ,b, ]\nd = {"k" :a,}\nx.pop( -0 )\ngc . collect ( 1, )\nm = malloc(1_000)\n');
    expect(printProgram(program)).toBe("x = [a, b]\nd = {'k': a}\nx.pop(0)\ngc.collect(1)\nm = malloc(1000)\n");
  });
});

describe('round trips (fast-check, fixed seed)', () => {
  it('parse ∘ print is the identity on ASTs, locations aside', () => {
    fc.assert(
      fc.property(programArbitrary, (p) => {
        const { program, diagnostics } = parseProgram(printProgram(p));
        expect(diagnostics).toEqual([]);
        expect(stripLocs(program)).toEqual(stripLocs(p));
      }),
      PROPERTY_RUNS,
    );
  });

  it('print ∘ parse is the identity on printed text', () => {
    fc.assert(
      fc.property(programArbitrary, (p) => {
        const text = printProgram(p);
        expect(printProgram(parseProgram(text).program)).toBe(text);
      }),
      PROPERTY_RUNS,
    );
  });

  it('the parser records one column per operand, and each points at that name', () => {
    fc.assert(
      fc.property(statementArbitrary, (s) => {
        const text = printStatement(s);
        const parsed = parseProgram(text).program.statements[0];
        const names = operandNames(parsed);
        expect(parsed.loc!.operandCols).toHaveLength(names.length);
        names.forEach((name, i) => {
          const col = parsed.loc!.operandCols![i];
          expect(text.slice(col - 1, col - 1 + name.length)).toBe(name);
        });
      }),
      PROPERTY_RUNS,
    );
  });
});
