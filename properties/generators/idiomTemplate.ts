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
 *   ruleEdges              a structure at the boundary of a rule (docs/rules.md) in a few lines, where
 *                          the language allows it: a display of 18–21 items (a tuple at the freelists'
 *                          length limits, made three times so the freelist hands one back), a dict
 *                          grown key by key to 43, 86 or 171 entries (a keys table of 128, 256 or 512
 *                          slots: the index width's boundary), or a raw block at a size-class edge reallocated to
 *                          just below, at or above the in-place limits. One in LONG_HISTORY_ODDS is the
 *                          long history: 2002 rebindings of a 20-tuple — pushed on its freelist and, in
 *                          3.11 and 3.12, never taken back, so each is a counted allocation that nothing
 *                          uncounts — which passes threshold 700 at CPython's default thresholds and fills
 *                          the 20-tuple freelist past its 2000 (the rules that scaled thresholds reach
 *                          cheaply, checked once at the real numbers).
 *   longLivedWalk          the long-lived rule at its boundary: a chain of 8–15 containers, a full
 *                          collection (long_lived_total = the tracked objects), thresholds (−1, 1000, 0)
 *                          so that every counted allocation asks for a collection with count[2] over,
 *                          then steps of one or two new instances and a `gc.collect(1)` (each adds its
 *                          survivors to long_lived_pending): pending walks up to total / 4 one or two at a
 *                          time, so the automatic collections see it just below, at and just above.
 *
 * An idiom expands against the symbolic state at its position (names chosen from NAMES, operands that
 * exist), and every statement it writes is checked like any other (programArbitrary.ts), so programs
 * stay valid; the shrinker later deletes whatever part of an idiom a failure does not need.
 */
import fc from 'fast-check';
import type { InstanceClass, Statement, StatementKind } from '../../language/ast.js';
import type { SymbolicExecution } from '../../language/symbolicExecution.js';
import { MALLOC_SIZES, NAMES } from './statementTemplate.js';
import { blockSizeOfClass, sizeClassOf } from '../../model/allocator/index.js';

/** Sizes of which two to four blocks fill a 1 KiB pool (976 usable bytes): 456 → 2, 320 → 3, 240 → 4. */
export const CHURN_SIZES = [240, 320, 456] as const;

export const IDIOMS = ['nestingBurst', 'garbageCycleWeakref', 'allocationChurn', 'pendingMeetsPythonCode', 'ruleEdges', 'longLivedWalk'] as const;
export type Idiom = (typeof IDIOMS)[number];

/** The statement kinds each idiom writes (a generator profile without one of them goes without the idiom). */
export const IDIOM_STATEMENT_KINDS: Record<Idiom, readonly StatementKind[]> = {
  nestingBurst: ['newList', 'newTuple', 'newDict'],
  garbageCycleWeakref: ['newInstance', 'newWeakref', 'newList', 'append', 'setSlot', 'del'],
  allocationChurn: ['malloc', 'free'],
  pendingMeetsPythonCode: ['setThreshold', 'newInstance', 'newWeakref', 'setSlot', 'newList', 'del', 'collect'],
  ruleEdges: ['newList', 'newTuple', 'newDict', 'setItem', 'del', 'malloc', 'realloc', 'free'],
  longLivedWalk: ['newList', 'collect', 'setThreshold', 'newInstance'],
};

/** One ruleEdges idiom in this many is the long history (2002 statements). */
export const LONG_HISTORY_ODDS = 150;
/** ruleEdges' `count` for the long history; 0, 1, 2 pick a tuple, a dict or a raw block. */
const LONG_HISTORY = 3;
/**
 * Keys inserted one by one into an empty dict: its table grows 8, 16, 32, 64 and then to 128, 256 and
 * 512 slots. Not a display: CPython 3.11 compiles a display of more than 15 entries as `BUILD_MAP 0` and
 * one `MAP_ADD` per entry, where pymem presizes every display of more than 5 (the oracle disagreed on
 * `gc.get_count()` after a 43-entry display: docs/measurements.md).
 */
export const WIDE_DICT_ENTRIES = [43, 86, 171] as const;
/** Raw requests at a size-class edge: 15 below 16, 511 below the small-request threshold. */
export const EDGE_REQUESTS = [15, 31, 47, 511] as const;

/** Idioms drawn only when the generator profile asks for them (GeneratorProfile.ruleIdioms). */
export const RULE_IDIOMS: readonly Idiom[] = ['ruleEdges', 'longLivedWalk'];

/** Idioms that only mean something under a profile whose automatic collections are scheduled. */
export const SCHEDULED_ONLY_IDIOMS: readonly Idiom[] = ['pendingMeetsPythonCode'];

/** Relative to the statement kinds' weights (programArbitrary.ts), when the swarm enables the idiom. */
export const IDIOM_WEIGHTS: Record<Idiom, number> = {
  nestingBurst: 1, garbageCycleWeakref: 1, allocationChurn: 1, pendingMeetsPythonCode: 2, ruleEdges: 1, longLivedWalk: 1,
};

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

const RULE_EDGE = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: LONG_HISTORY - 1 }), weight: LONG_HISTORY_ODDS - 1 },
  { arbitrary: fc.constant(LONG_HISTORY), weight: 1 },
);

export const idiomArbitrary = (idiom: Idiom): fc.Arbitrary<IdiomTemplate> =>
  fc.record({
    idiom: fc.constant(idiom),
    target: fc.nat(NAMES.length - 1),
    pick: fc.nat(7),
    count: idiom === 'nestingBurst' ? DEPTH : idiom === 'ruleEdges' ? RULE_EDGE : fc.integer({ min: 2, max: 5 }),
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
    case 'ruleEdges': {
      const storable = NAMES.filter((n) => bindings.has(n) && bindings.get(n)!.kind !== 'raw');
      const held = storable.length > 0 ? storable[t.pick % storable.length] : NAMES[t.target];
      const start: Statement[] = storable.length > 0 ? [] : [{ kind: 'newList', target: held, items: [] }];
      const [w] = others([held], 1);
      const tuple = (n: number): Statement => ({ kind: 'newTuple', target: w, items: Array.from({ length: n }, () => held) });
      if (t.count === LONG_HISTORY) return [...start, ...Array.from({ length: 2002 }, () => tuple(20)), { kind: 'del', names: [w] }];
      if (t.count === 0) return [...start, ...Array.from({ length: 3 }, () => tuple(18 + (t.pick % 4))), { kind: 'del', names: [w] }];
      if (t.count === 1) {
        // Grown key by key (a display of more than 15 entries is not what pymem models: see WIDE_DICT_ENTRIES).
        const n = WIDE_DICT_ENTRIES[t.pick % WIDE_DICT_ENTRIES.length];
        return [
          ...start, { kind: 'newDict', target: w, entries: [] },
          ...Array.from({ length: n }, (_, i): Statement => ({ kind: 'setItem', container: w, index: `k${i}`, value: held })),
          { kind: 'del', names: [w] },
        ];
      }
      // A raw block at a size-class edge, reallocated to one below or above its class size S, or to one
      // below, at or above the smallest size kept in place when shrinking (⌊3S/4⌋ + 1).
      const request = EDGE_REQUESTS[t.pick % EDGE_REQUESTS.length];
      const classSize = blockSizeOfClass(sizeClassOf(request)!);
      const keep = ((3 * classSize) >> 2) + 1;
      const size = [classSize - 1, classSize + 1, keep - 1, keep, keep + 1][t.mask % 5];
      const m = NAMES[t.target];
      return [{ kind: 'malloc', target: m, size: request }, { kind: 'realloc', target: m, block: m, size }, { kind: 'free', block: m }];
    }
    case 'longLivedWalk': {
      const x = NAMES[t.target];
      const [a, b] = others([x], 2);
      const chain = 8 + (t.literal % 8);
      const steps = 3 + t.count;
      return [
        { kind: 'newList', target: x, items: [] },
        ...Array.from({ length: chain - 1 }, (): Statement => ({ kind: 'newList', target: x, items: [x] })),
        { kind: 'collect', generation: 2, explicitGeneration: false },
        { kind: 'setThreshold', thresholds: [-1, 1000, 0] },
        ...Array.from({ length: steps }, (_, i): Statement[] => [
          { kind: 'newInstance', target: a, cls: 'Obj' },
          ...((t.mask >> i) & 1 ? [{ kind: 'newInstance', target: b, cls: 'Obj' } as Statement] : []),
          { kind: 'collect', generation: 1, explicitGeneration: true },
        ]).flat(),
        { kind: 'setThreshold', thresholds: [2, 2, 2] },
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
