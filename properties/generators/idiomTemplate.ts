/*
 * Idioms: templates that write a short pattern of several statements at once, for the states a
 * statement-at-a-time draw almost never reaches (like the macro patterns of grammar fuzzers).
 *
 *   nestingBurst           `x = []` then `x = [x]` (or `(x,)`, `{'k': x}`) repeated: a chain of
 *                          containers that dies in one cascade when x goes. Mostly a few levels; one
 *                          burst in ten is 64–128 deep, past the list and dict freelists (80
 *                          entries in CPython 3.11), so the freelists overflow within one program
 *                          while the program stays cheap to generate and run.
 *   garbageCycleWeakref    a weakref (mostly with a callback) to an instance held from a root, put in
 *                          a self-referencing holder, and both names deleted: a weakref FROM cyclic
 *                          garbage whose referent outlives the collection (SAVEALL, resurrection and
 *                          the teardown decide what happens to it later).
 *   allocationChurn        k raw blocks of one size, some of them freed, as many allocated again:
 *                          fills a (scaled-down) pool, turns it from full to used, reuses freed blocks.
 *                          Raw blocks live only in names (six of them), so half of its sizes are large
 *                          ones, two to four blocks to a 1 KiB pool, the rest from MALLOC_SIZES.
 *   pendingMeetsPythonCode  under a profile whose collections are scheduled (3.12 on) only: threshold 1,
 *                          an instance (with a weakref calling back, or a `__del__`), a list display
 *                          that schedules a collection (no check runs it), then either the instance's
 *                          refcount death (the check at its `__del__` or callback runs the collection)
 *                          or, the instance in a cycle, an explicit `gc.collect(g)` whose own Python
 *                          code meets the pending collection (nested in 3.12, dropped in 3.13).
 *
 * An idiom expands against the symbolic state at its position (names chosen from NAMES, operands that
 * exist), and every statement it writes is checked like any other (programArbitrary.ts), so programs
 * stay valid; the shrinker later deletes whatever part of an idiom a failure does not need.
 */
import fc from 'fast-check';
import type { InstanceClass, Statement, StatementKind } from '../../language/ast.js';
import type { SymbolicExecution } from '../../language/symbolicExecution.js';
import { MALLOC_SIZES, NAMES } from './statementTemplate.js';

/** Sizes of which two to four blocks fill a 1 KiB pool (976 usable bytes): 456 → 2, 320 → 3, 240 → 4. */
export const CHURN_SIZES = [240, 320, 456] as const;

export const IDIOMS = ['nestingBurst', 'garbageCycleWeakref', 'allocationChurn', 'pendingMeetsPythonCode'] as const;
export type Idiom = (typeof IDIOMS)[number];

/** The statement kinds each idiom writes (a generator profile without one of them goes without the idiom). */
export const IDIOM_STATEMENT_KINDS: Record<Idiom, readonly StatementKind[]> = {
  nestingBurst: ['newList', 'newTuple', 'newDict'],
  garbageCycleWeakref: ['newInstance', 'newWeakref', 'newList', 'append', 'setSlot', 'del'],
  allocationChurn: ['malloc', 'free'],
  pendingMeetsPythonCode: ['setThreshold', 'newInstance', 'newWeakref', 'setSlot', 'newList', 'del', 'collect'],
};

/** Idioms that only mean something under a profile whose automatic collections are scheduled. */
export const SCHEDULED_ONLY_IDIOMS: readonly Idiom[] = ['pendingMeetsPythonCode'];

/** Relative to the statement kinds' weights (programArbitrary.ts), when the swarm enables the idiom. */
export const IDIOM_WEIGHTS: Record<Idiom, number> = { nestingBurst: 1, garbageCycleWeakref: 1, allocationChurn: 1, pendingMeetsPythonCode: 2 };

export interface IdiomTemplate {
  idiom: Idiom;
  target: number;
  pick: number;
  /** Repetitions (nesting depth, blocks). */
  count: number;
  literal: number;
  /** Which blocks a churn frees (bit i: block i). */
  mask: number;
  flag: boolean;
  cls: InstanceClass;
}

const DEPTH = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 8 }), weight: 14 }, { arbitrary: fc.integer({ min: 64, max: 128 }), weight: 1 });

export const idiomArbitrary = (idiom: Idiom): fc.Arbitrary<IdiomTemplate> =>
  fc.record({
    idiom: fc.constant(idiom),
    target: fc.nat(NAMES.length - 1),
    pick: fc.nat(7),
    count: idiom === 'nestingBurst' ? DEPTH : fc.integer({ min: 2, max: 5 }),
    literal: fc.nat(31),
    mask: fc.integer({ min: 1, max: 31 }),
    flag: fc.boolean(),
    cls: fc.constantFrom<InstanceClass>('Obj', 'Fin', 'Lazarus'),
  });

export const isIdiom = (t: object): t is IdiomTemplate => 'idiom' in t;

/** The statements an idiom stands for at this point of the program. */
export function expandIdiom(t: IdiomTemplate, state: SymbolicExecution): Statement[] {
  const bindings = state.bindings();
  /** Names other than `taken`, starting after the template's target, in a fixed rotation. */
  const others = (taken: string[], n: number) =>
    NAMES.map((_, i) => NAMES[(t.target + 1 + i) % NAMES.length]).filter((name) => !taken.includes(name)).slice(0, n);
  switch (t.idiom) {
    case 'nestingBurst': {
      const x = NAMES[t.target];
      const held = bindings.get(x);
      const start: Statement[] = held && held.kind !== 'raw' ? [] : [{ kind: 'newList', target: x, items: [] }];
      const level = (): Statement => {
        const shape = t.literal % 4;
        if (shape === 1) return { kind: 'newTuple', target: x, items: [x] };
        if (shape === 2) return { kind: 'newDict', target: x, entries: [['k', x]] };
        return { kind: 'newList', target: x, items: [x] };
      };
      return [...start, ...Array.from({ length: t.count }, level)];
    }
    case 'garbageCycleWeakref': {
      const instances = NAMES.filter((n) => {
        const v = bindings.get(n);
        return v?.kind === 'object' && v.object.type === 'instance';
      });
      const reuse = t.flag && instances.length > 0;
      const referent = reuse ? instances[t.pick % instances.length] : NAMES[t.target];
      const create: Statement[] = reuse ? [] : [{ kind: 'newInstance', target: referent, cls: t.cls }];
      const [w, c] = others([referent], 2);
      const holder: Statement[] = t.literal % 2 === 0
        ? [{ kind: 'newList', target: c, items: [w] }, { kind: 'append', list: c, item: c }]
        : [{ kind: 'newInstance', target: c, cls: 'Obj' }, { kind: 'setSlot', target: c, slot: 'a', value: w }, { kind: 'setSlot', target: c, slot: 'b', value: c }];
      return [
        ...create,
        { kind: 'newWeakref', target: w, referent, callback: t.count % 4 !== 0 },
        ...holder,
        { kind: 'del', names: [w, c] },
      ];
    }
    case 'allocationChurn': {
      const size = t.literal % 2 === 0 ? CHURN_SIZES[(t.literal >> 1) % CHURN_SIZES.length] : MALLOC_SIZES[(t.literal >> 1) % MALLOC_SIZES.length];
      const blocks = [NAMES[t.target], ...others([NAMES[t.target]], t.count - 1)];
      const freed = blocks.filter((_, i) => (t.mask >> i) & 1);
      return [
        ...blocks.map((target): Statement => ({ kind: 'malloc', target, size })),
        ...freed.map((block): Statement => ({ kind: 'free', block })),
        ...(t.flag ? freed : freed.slice(0, 1)).map((target): Statement => ({ kind: 'malloc', target, size })),
      ];
    }
    case 'pendingMeetsPythonCode': {
      const x = NAMES[t.target];
      const [w, y] = others([x], 2);
      const cls: InstanceClass = t.cls === 'Obj' && !t.flag ? 'Fin' : t.cls;
      const cycle = t.count % 2 === 0;
      return [
        { kind: 'setThreshold', thresholds: [1] },
        { kind: 'newInstance', target: x, cls },
        ...(t.flag ? [{ kind: 'newWeakref', target: w, referent: x, callback: true } as Statement] : []),
        ...(cycle ? [{ kind: 'setSlot', target: x, slot: 'a', value: x } as Statement] : []),
        { kind: 'newList', target: y, items: [] },
        { kind: 'del', names: [x] },
        ...(cycle ? [{ kind: 'collect', generation: (t.literal % 3) as 0 | 1 | 2, explicitGeneration: true } as Statement] : []),
      ];
    }
  }
}
