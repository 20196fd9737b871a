/*
 * The generator's idioms, length tiers and relative realloc sizes (properties/generators/): what each
 * writes, that every program stays valid, and that a focused profile goes without the idioms whose
 * statements it leaves out.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printProgram } from '../../language/print.js';
import { SymbolicExecution } from '../../language/symbolicExecution.js';
import { validateProgram } from '../../language/validate.js';
import { CHURN_SIZES, expandIdiom, type IdiomTemplate } from '../../properties/generators/idiomTemplate.js';
import { programArbitrary } from '../../properties/generators/programArbitrary.js';
import { MALLOC_SIZES, reallocSize } from '../../properties/generators/statementTemplate.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';

const template = (t: Partial<IdiomTemplate> & Pick<IdiomTemplate, 'idiom'>): IdiomTemplate =>
  ({ target: 0, pick: 0, count: 2, literal: 0, mask: 1, flag: false, cls: 'Obj', ...t });

const text = (t: IdiomTemplate, state = new SymbolicExecution()) =>
  printProgram({ statements: expandIdiom(t, state), geometry: { poolSize: 16384, arenaSize: 1 << 20 }, cpython: '3.11' });

describe('idioms', () => {
  it('nestingBurst: a chain of containers on one name, started when the name holds nothing storable', () => {
    expect(text(template({ idiom: 'nestingBurst', count: 3 }))).toBe('v0 = []\nv0 = [v0]\nv0 = [v0]\nv0 = [v0]\n');
    expect(text(template({ idiom: 'nestingBurst', count: 2, literal: 1 }))).toBe('v0 = []\nv0 = (v0,)\nv0 = (v0,)\n');
    const state = new SymbolicExecution();
    state.step({ kind: 'newInstance', target: 'v0', cls: 'Obj' });
    expect(text(template({ idiom: 'nestingBurst', count: 1, literal: 2 }), state)).toBe("v0 = {'k': v0}\n");
  });

  it('nestingBurst past the list freelist (80): 101 statements, agreeing in lockstep down to the teardown', () => {
    const statements = expandIdiom(template({ idiom: 'nestingBurst', count: 100 }), new SymbolicExecution());
    const p = { statements, geometry: { poolSize: 16384, arenaSize: 1 << 20 }, cpython: '3.11' as const };
    expect(statements).toHaveLength(101);
    expect(runLockstep(p, createImplEngine).divergence).toBe(null);
  });

  it('garbageCycleWeakref: a weakref with a callback, in a self-referencing holder, both names deleted; the referent stays bound', () => {
    expect(text(template({ idiom: 'garbageCycleWeakref', count: 1, cls: 'Fin' })))
      .toBe('v0 = Fin()\nv1 = weakref.ref(v0, on_clear)\nv2 = [v1]\nv2.append(v2)\ndel v1, v2\n');
    const state = new SymbolicExecution();
    state.step({ kind: 'newInstance', target: 'v3', cls: 'Lazarus' });
    expect(text(template({ idiom: 'garbageCycleWeakref', count: 4, flag: true, literal: 1 }), state))
      .toBe('v1 = weakref.ref(v3)\nv2 = Obj()\nv2.a = v1\nv2.b = v2\ndel v1, v2\n');
  });

  it('allocationChurn: k blocks of one size, the masked ones freed and allocated again', () => {
    expect(text(template({ idiom: 'allocationChurn', count: 3, literal: 2 * CHURN_SIZES.indexOf(456), mask: 0b101, flag: true })))
      .toBe('v0 = malloc(456)\nv1 = malloc(456)\nv2 = malloc(456)\nfree(v0)\nfree(v2)\nv0 = malloc(456)\nv2 = malloc(456)\n');
  });
});

describe('realloc sizes relative to the block', () => {
  it('the same size, the in-place window\'s lowest size and the size just below it, or an absolute one', () => {
    expect([0, 1, 2, 3].map((shape) => reallocSize(100, shape, 2))).toEqual([16, 100, 85, 84]); // class 112: 4n > 336
    expect([1, 2, 3].map((shape) => reallocSize(2000, shape, 0))).toEqual([2000, 512, 513]);
    expect(reallocSize(undefined, 2, 3)).toBe(17);
  });
});

describe('programArbitrary', () => {
  const sample = (profile: Parameters<typeof programArbitrary>[0], numRuns = 300) => fc.sample(programArbitrary(profile), { seed: 7, numRuns });

  it('writes valid programs, some longer than maxLength (long tier, idioms), most not', () => {
    const programs = sample({ maxLength: 60 });
    for (const p of programs) expect(validateProgram(p)).toEqual([]);
    const long = programs.filter((p) => p.statements.length > 60).length;
    expect(long).toBeGreaterThan(0);
    expect(long).toBeLessThan(programs.length / 5);
    expect(programs.some((p) => p.statements.length >= 82)).toBe(true);
  });

  it('leaves out the idioms whose statements a focused profile does not allow', () => {
    for (const p of sample({ maxLength: 30, kinds: ['newBytes', 'malloc', 'free', 'del'] })) {
      expect(p.statements.every((s) => ['newList', 'newInstance', 'newBytes', 'malloc', 'free', 'del'].includes(s.kind))).toBe(true);
    }
  });
});
