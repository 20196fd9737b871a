/*
 * Semantic event counters of the runtime: which collections ran (per generation, automatic or explicit,
 * with how many young and unreachable objects), resurrections, finalizers and weakref callbacks on each
 * path, untracking, freelist hits, the raw-block quirk of a list shrinking to zero, deep releases, SAVEALL
 * and freeze. The property suite prints them as statistics and fails when a generator change starves a
 * key event; fuzz campaigns bucket them into coverage features (properties/statistics/).
 *
 * One Float64Array per Runtime (`rt.features`), incremented in place at the event (`rt.features[X]++`):
 * no allocation and no call on a hot path. The counters observe and never decide anything. The
 * allocator's own events are in `rt.pymalloc.events` (pymalloc/events.ts); `featureRecord` names both.
 *
 * Layout (index: name — where it is incremented):
 *    0 … 2   collect.auto.gen0 … gen2        gc/collect.ts collectGenerations, before `collect`
 *    3 … 5   collect.explicit.gen0 … gen2    engine.ts, statement `gc.collect(g)` (teardown included)
 *    6 … 8   collect.gen0 … gen2.found-unreachable   collect: a collection with ≥ 1 unreachable object
 *    9       collect.long-lived-skips-gen2   collectGenerations: gen 2 over threshold, skipped by the rule
 *   10       gc.refs-computed                updateRefs: objects whose gc_refs were computed (both passes)
 *   11       gc.young-objects                collect: objects in the collected generations, summed
 *   12       gc.unreachable-objects          collect: objects found unreachable, summed
 *   13       gc.resurrected-objects          collect: unreachable objects reachable again after finalizers
 *   14       resurrection.refcount           dealloc.ts: a Lazarus resurrected by its refcount `__del__`
 *   15       resurrection.gc                 collect finalizeGarbage: a Lazarus resurrected by the collector
 *   16       finalizer.refcount              dealloc.ts: `__del__` run on the refcount path
 *   17       finalizer.gc                    collect finalizeGarbage: `__del__` run by the collector
 *   18       weakref.callback.refcount       weakrefs.ts clearWeakrefsTo: a callback on the refcount path
 *   19       weakref.callback.gc             collect handleWeakrefs: a callback of a reachable weakref to
 *                                            garbage (it then moves to the old generation; it is never
 *                                            older than that here: a weakref is not older than its referent)
 *   20       weakref.garbage-cleared         handleWeakrefs: a garbage weakref still pointing to its referent,
 *                                            cleared as garbage itself (no callback)
 *   21       weakref.callback-suppressed     handleWeakrefs: a weakref with a callback to garbage, itself
 *                                            garbage: cleared, no callback
 *   22       weakref.cleared.refcount        clearWeakrefsTo: a weakref cleared as its referent died
 *   23       weakref.shared-reused           newWeakref: the shared callback-less weakref returned again
 *   24       tuple.untracked                 collect untrackTuples
 *   25       dict.untracked                  collect untrackDicts (full collections)
 *   26       dict.tracked-on-insert          dicts.ts dictSetItem: an untracked dict became tracked
 *   27       dict.resize                     dicts.ts dictResize
 *   28 … 31  freelist.list/dict/tuple/keys.hit    engine.ts newGcObject; dicts.ts allocateKeys
 *   32 … 35  freelist.list/dict/tuple/keys.full   dealloc.ts finishObject, freeKeys: no room, freed
 *   36       freelist.cleared-by-gc          gc/clearFreelists.ts: a block freed after a full collection
 *   37       list.shrink-to-zero             lists.ts listResize: items array reallocated to 0 bytes (raw)
 *   38       gc.saveall-append               collect deleteGarbage: DEBUG_SAVEALL appended to gc.garbage
 *   39       gc.freeze-with-objects          engine.ts `gc.freeze()` with a non-empty generation
 *   40       gc.unfreeze-with-objects        engine.ts `gc.unfreeze()` with a non-empty permanent generation
 *   41       release.depth:51+               dealloc.ts deallocate: a release frame pushed at depth 51
 *                                            (CPython's trashcan would defer it)
 *   42 … 55  release.depth:128+ … :1048576+  … at depth 2^7 … 2^20
 *   56 … 79  collect.gen<g>.unreachable:<b>  collect: per collection of generation g, its unreachable
 *                                            objects in bucket b (HISTOGRAM_BUCKETS below)
 *   80 … 103 collect.gen<g>.young:<b>        … its young objects in bucket b
 *  104       collect.scheduled               runtime.ts allocateGcMemory: an allocation scheduled a collection
 *                                            (a 'scheduled' profile, 3.12 on)
 *  105 … 108 collect.pending.at-call, .at-del, .at-callback, .in-collection
 *                                            runtime.ts evalBreaker: a check found a collection pending — when
 *                                            a statement's call returned (or at `fork()`), at a refcount
 *                                            `__del__`, at a refcount death's callbacks, at Python code a
 *                                            collection ran (its callbacks or `__del__`s)
 *  109       collect.pending.ran-none        evalBreaker: it ran and no generation was over its threshold
 *  110       collect.pending.nested          evalBreaker: it ran inside a running collection (3.12)
 *  111       collect.pending.dropped         evalBreaker: it was dropped (collector disabled, or 3.13 inside a
 *                                            running collection)
 *  112       list.pop-cleared                lists.ts listPop: `pop()` of the last item cleared the list (3.12 on)
 *  113       list.del-kept-array             lists.ts listDelItem: `del x[i]` kept the array as it was (3.13)
 *  114       collect.pending.while-disabled  evalBreaker: a check found a collection pending with the collector
 *                                            disabled (run in 3.12.1, dropped in 3.13)
 *  115 …     rule:<name>:below|at|above      a rule's boundary (RUNTIME_BOUNDARY_RULES below, three counters
 *                                            each): where the rule compares a quantity x with its limit L,
 *                                            x = L − 1, L, L + 1 (atBoundary); the rules and where each is
 *                                            observed are properties/rules/ruleCatalogue.ts's
 *      gc-threshold-0            runtime.ts allocateGcMemory: count[0] vs threshold[0] (enabled, t0 ≠ 0, idle)
 *      gc-threshold-0-default    … only while threshold[0] is the profile's default (700; 2000 in 3.13)
 *      gc-threshold-1, -2        gc/collect.ts collectGenerations: count[g] vs threshold[g], as the scan reaches g
 *      long-lived-ratio          collectGenerations: long_lived_pending vs long_lived_total / 4, count[2] over
 *      freelist-list-capacity, freelist-dict-capacity, freelist-tuple-capacity
 *                                dealloc.ts finishObject: the freelist's length with this object vs its capacity
 *      freelist-keys-capacity    dealloc.ts freeKeys: the same for an 8-slot keys table
 *      tuple-freelist-push-length  finishObject: a dying tuple's length vs 20 (PyTuple_NFREELISTS)
 *      tuple-freelist-reuse-length engine.ts newTuple: a new tuple's length vs the profile's tupleFreelistReuseMax
 *      dict-usable-entries       dicts.ts dictSetItem: the entries with a new key vs the table's usable entries
 *      dict-index-width          dicts.ts allocateKeys: log2 of the table's slots vs 8 (2-byte indices from 256)
 *      dict-display-presized     engine.ts newDict: a display's entries vs 5 (presized above 5)
 *      list-growth               lists.ts listResize: the new size vs the allocated slots
 *      list-shrink               listResize, shrinking: the new size vs allocated / 2
 *      trashcan-depth            dealloc.ts deallocate: the depth of a container's release frame vs 50
 */
import { PYMALLOC_DERIVED_EVENTS, PYMALLOC_EVENT_NAMES } from '../pymalloc/events.js';

export const COLLECT_AUTO = 0;
export const COLLECT_EXPLICIT = 3;
export const COLLECT_FOUND_UNREACHABLE = 6;
export const COLLECT_LONG_LIVED_SKIP = 9;
export const GC_REFS_COMPUTED = 10;
export const GC_YOUNG_OBJECTS = 11;
export const GC_UNREACHABLE_OBJECTS = 12;
export const GC_RESURRECTED_OBJECTS = 13;
export const RESURRECTION_REFCOUNT = 14;
export const RESURRECTION_GC = 15;
export const FINALIZER_REFCOUNT = 16;
export const FINALIZER_GC = 17;
export const WEAKREF_CALLBACK_REFCOUNT = 18;
export const WEAKREF_CALLBACK_GC = 19;
export const WEAKREF_GARBAGE_CLEARED = 20;
export const WEAKREF_CALLBACK_SUPPRESSED = 21;
export const WEAKREF_CLEARED_REFCOUNT = 22;
export const WEAKREF_SHARED_REUSED = 23;
export const TUPLE_UNTRACKED = 24;
export const DICT_UNTRACKED = 25;
export const DICT_TRACKED_ON_INSERT = 26;
export const DICT_RESIZE = 27;
/** + KIND_LIST − 1, KIND_DICT − 1, KIND_TUPLE − 1 (1, 2, 3 in objects/kinds.ts); keys at + 3. */
export const FREELIST_HIT = 28;
export const FREELIST_HIT_KEYS = 31;
export const FREELIST_FULL_LIST = 32;
export const FREELIST_FULL_DICT = 33;
export const FREELIST_FULL_TUPLE = 34;
export const FREELIST_FULL_KEYS = 35;
export const FREELIST_CLEARED_BY_GC = 36;
export const LIST_SHRINK_TO_ZERO = 37;
export const SAVEALL_APPEND = 38;
export const FREEZE_WITH_OBJECTS = 39;
export const UNFREEZE_WITH_OBJECTS = 40;
export const RELEASE_DEPTH_OVER_TRASHCAN = 41;
/** Depth 2^k for k = RELEASE_DEPTH_FIRST_LOG2 … RELEASE_DEPTH_LAST_LOG2. */
export const RELEASE_DEPTH_POW2 = 42;
const RELEASE_DEPTH_FIRST_LOG2 = 7;
const RELEASE_DEPTH_LAST_LOG2 = 20;
/** CPython's `_PyTrash_UNWIND_LEVEL`. */
export const TRASHCAN_DEPTH = 50;
export const UNREACHABLE_HISTOGRAM = RELEASE_DEPTH_POW2 + RELEASE_DEPTH_LAST_LOG2 - RELEASE_DEPTH_FIRST_LOG2 + 1;
/** Buckets of a per-collection size: 0, 1, 2-3, 4-7, 8-15, 16-31, 32-63, 64+. */
export const HISTOGRAM_BUCKETS = 8;
export const YOUNG_HISTOGRAM = UNREACHABLE_HISTOGRAM + 3 * HISTOGRAM_BUCKETS;
export const COLLECT_SCHEDULED = YOUNG_HISTOGRAM + 3 * HISTOGRAM_BUCKETS;
/** + one of the PENDING_AT_* sites. */
export const PENDING_FOUND = COLLECT_SCHEDULED + 1;
export const PENDING_AT_CALL = 0;
export const PENDING_AT_DEL = 1;
export const PENDING_AT_CALLBACK = 2;
export const PENDING_IN_COLLECTION = 3;
export const PENDING_RAN_NONE = PENDING_FOUND + 4;
export const PENDING_NESTED = PENDING_RAN_NONE + 1;
export const PENDING_DROPPED = PENDING_NESTED + 1;
export const LIST_POP_CLEARED = PENDING_DROPPED + 1;
export const LIST_DEL_KEPT_ARRAY = LIST_POP_CLEARED + 1;
export const PENDING_WHILE_DISABLED = LIST_DEL_KEPT_ARRAY + 1;
/** The rules whose boundary the runtime observes, in counter order (three counters each). */
export const RUNTIME_BOUNDARY_RULES = [
  'gc-threshold-0', 'gc-threshold-0-default', 'gc-threshold-1', 'gc-threshold-2', 'long-lived-ratio',
  'freelist-list-capacity', 'freelist-dict-capacity', 'freelist-keys-capacity', 'freelist-tuple-capacity',
  'tuple-freelist-push-length', 'tuple-freelist-reuse-length', 'dict-usable-entries', 'dict-index-width',
  'dict-display-presized', 'list-growth', 'list-shrink', 'trashcan-depth',
] as const;
export const BOUNDARY_SIDES = ['below', 'at', 'above'] as const;
const RULE_BOUNDARY = PENDING_WHILE_DISABLED + 1;
/** The `at` counter of a rule's boundary (below is one less, above one more). */
const atOf = (rule: (typeof RUNTIME_BOUNDARY_RULES)[number]) => RULE_BOUNDARY + 3 * RUNTIME_BOUNDARY_RULES.indexOf(rule) + 1;
export const AT_THRESHOLD_0 = atOf('gc-threshold-0');
export const AT_THRESHOLD_0_DEFAULT = atOf('gc-threshold-0-default');
export const AT_THRESHOLD_1 = atOf('gc-threshold-1');
export const AT_THRESHOLD_2 = atOf('gc-threshold-2');
export const AT_LONG_LIVED = atOf('long-lived-ratio');
export const AT_FREELIST_LIST = atOf('freelist-list-capacity');
export const AT_FREELIST_DICT = atOf('freelist-dict-capacity');
export const AT_FREELIST_KEYS = atOf('freelist-keys-capacity');
export const AT_FREELIST_TUPLE = atOf('freelist-tuple-capacity');
export const AT_TUPLE_PUSH_LENGTH = atOf('tuple-freelist-push-length');
export const AT_TUPLE_REUSE_LENGTH = atOf('tuple-freelist-reuse-length');
export const AT_DICT_USABLE = atOf('dict-usable-entries');
export const AT_DICT_INDEX_WIDTH = atOf('dict-index-width');
export const AT_DICT_PRESIZED = atOf('dict-display-presized');
export const AT_LIST_GROWTH = atOf('list-growth');
export const AT_LIST_SHRINK = atOf('list-shrink');
export const AT_TRASHCAN = atOf('trashcan-depth');
export const RUNTIME_FEATURE_COUNT = RULE_BOUNDARY + 3 * RUNTIME_BOUNDARY_RULES.length;

const GENERATIONS = [0, 1, 2];
const histogramLabel = (b: number) => (b === 0 ? '0' : b === 1 ? '1' : b === HISTOGRAM_BUCKETS - 1 ? `${1 << (b - 1)}+` : `${1 << (b - 1)}-${(1 << b) - 1}`);

/** Index → name, for statistics and coverage keys. */
export const RUNTIME_FEATURE_NAMES: readonly string[] = [
  ...GENERATIONS.map((g) => `collect.auto.gen${g}`),
  ...GENERATIONS.map((g) => `collect.explicit.gen${g}`),
  ...GENERATIONS.map((g) => `collect.gen${g}.found-unreachable`),
  'collect.long-lived-skips-gen2', 'gc.refs-computed', 'gc.young-objects', 'gc.unreachable-objects',
  'gc.resurrected-objects', 'resurrection.refcount', 'resurrection.gc', 'finalizer.refcount', 'finalizer.gc',
  'weakref.callback.refcount', 'weakref.callback.gc', 'weakref.garbage-cleared',
  'weakref.callback-suppressed', 'weakref.cleared.refcount', 'weakref.shared-reused', 'tuple.untracked',
  'dict.untracked', 'dict.tracked-on-insert', 'dict.resize',
  ...['list', 'dict', 'tuple', 'keys'].map((k) => `freelist.${k}.hit`),
  ...['list', 'dict', 'tuple', 'keys'].map((k) => `freelist.${k}.full`),
  'freelist.cleared-by-gc', 'list.shrink-to-zero', 'gc.saveall-append', 'gc.freeze-with-objects',
  'gc.unfreeze-with-objects', `release.depth:${TRASHCAN_DEPTH + 1}+`,
  ...Array.from({ length: RELEASE_DEPTH_LAST_LOG2 - RELEASE_DEPTH_FIRST_LOG2 + 1 }, (_, i) => `release.depth:${2 ** (RELEASE_DEPTH_FIRST_LOG2 + i)}+`),
  ...GENERATIONS.flatMap((g) => Array.from({ length: HISTOGRAM_BUCKETS }, (_, b) => `collect.gen${g}.unreachable:${histogramLabel(b)}`)),
  ...GENERATIONS.flatMap((g) => Array.from({ length: HISTOGRAM_BUCKETS }, (_, b) => `collect.gen${g}.young:${histogramLabel(b)}`)),
  'collect.scheduled', ...['at-call', 'at-del', 'at-callback', 'in-collection'].map((site) => `collect.pending.${site}`),
  'collect.pending.ran-none', 'collect.pending.nested', 'collect.pending.dropped', 'list.pop-cleared', 'list.del-kept-array',
  'collect.pending.while-disabled',
  ...RUNTIME_BOUNDARY_RULES.flatMap((rule) => BOUNDARY_SIDES.map((side) => `rule:${rule}:${side}`)),
];

/**
 * A rule compared x with its limit L, `delta` = x − L: −1, 0, +1 count below, at, above (`at`: one of
 * the AT_* indices); farther from the boundary, nothing. Small enough for V8 to inline at the event.
 */
export function atBoundary(features: Float64Array, at: number, delta: number): void {
  if (delta >= -1 && delta <= 1) features[at + delta]++;
}

/** The histogram bucket of a per-collection size: 0, 1, 2-3, …, 64+. */
export function histogramBucket(n: number): number {
  return n === 0 ? 0 : Math.min(HISTOGRAM_BUCKETS - 1, 32 - Math.clz32(n));
}

/** One finished collection of generation g: its sizes into the histograms and the running totals. */
export function recordCollection(features: Float64Array, g: number, young: number, unreachable: number, collected: number): void {
  features[GC_YOUNG_OBJECTS] += young;
  features[GC_UNREACHABLE_OBJECTS] += unreachable;
  features[GC_RESURRECTED_OBJECTS] += unreachable - collected;
  if (unreachable > 0) features[COLLECT_FOUND_UNREACHABLE + g]++;
  features[UNREACHABLE_HISTOGRAM + g * HISTOGRAM_BUCKETS + histogramBucket(unreachable)]++;
  features[YOUNG_HISTOGRAM + g * HISTOGRAM_BUCKETS + histogramBucket(young)]++;
}

/** A release frame was pushed at `depth` > TRASHCAN_DEPTH: count depth 51 and every power of two from 128. */
export function recordReleaseDepth(features: Float64Array, depth: number): void {
  if (depth === TRASHCAN_DEPTH + 1) features[RELEASE_DEPTH_OVER_TRASHCAN]++;
  else if ((depth & (depth - 1)) === 0 && depth >= 2 ** RELEASE_DEPTH_FIRST_LOG2 && depth <= 2 ** RELEASE_DEPTH_LAST_LOG2) {
    features[RELEASE_DEPTH_POW2 + 31 - Math.clz32(depth) - RELEASE_DEPTH_FIRST_LOG2]++;
  }
}

/** Every runtime and allocator counter by name (derived ones included); zeros are kept. */
export function featureRecord(features: Float64Array, allocatorEvents: Uint32Array): Record<string, number> {
  const record: Record<string, number> = {};
  for (let i = 0; i < RUNTIME_FEATURE_NAMES.length; i++) record[RUNTIME_FEATURE_NAMES[i]] = features[i];
  for (let i = 0; i < PYMALLOC_EVENT_NAMES.length; i++) record[PYMALLOC_EVENT_NAMES[i]] = allocatorEvents[i];
  for (const [name, of] of PYMALLOC_DERIVED_EVENTS) record[name] = of(allocatorEvents);
  return record;
}
