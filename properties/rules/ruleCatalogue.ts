/*
 * The rules catalogue: every rule of pymem's contract documents (docs/cpython-3.11.md, the abstract
 * machine, docs/cpython-versions.md) that a generated program can reach, named once, with the section it
 * comes from, the version profiles it applies to, what shows it was applied, and — where the rule compares
 * a quantity with a limit — its boundary.
 *
 * A rule is *reached* in a program when one of its `reachedBy` statistics happened there (statement,
 * trace, feature or invariant keys: properties/statistics/runStatistics.ts); a rule with a boundary and no
 * `reachedBy` is reached when any side of its boundary was. The boundary is three coverage features,
 * `rule:<name>:below|at|above`: the rule compared x with its limit L at x = L − 1, L, L + 1 — just below,
 * at and just above, where an off-by-one lives. The engine counts them where the rule decides (pymem's
 * implementation: impl/runtime/features.ts, impl/pymalloc/events.ts); a side a rule can never be on
 * (a freelist never holds more than its capacity) is left out of `sides`.
 *
 * Each rule's minimums (share of programs, in %) are required of one property run, its `suite`: the
 * default swarm's fixed-seed statistics run with the rule idioms (test/properties/statistics.test.ts),
 * the tracemalloc or fork file, or a version profile's run (properties/versions.test.ts, the swarm without
 * the rule idioms). A minimum of 0 is not required. Each is about a third of the share
 * measured over 2000 programs from two seeds (20261121 and 1, with the rule idioms; under 3.12 and 3.13
 * for their variants, without;
 * docs/measurements.md), at least 0.03% (one program in 2000 reached it in the fixed-seed run). A
 * variant's `suite` is the first version it applies to; it is required of every version it applies to. docs/rules.md is generated from this list
 * (npm run docs:rules) and test/properties/rules.test.ts keeps the two, the engine's counters and the
 * documents' sections in step.
 */
import type { CPythonVersion } from '../../language/ast.js';

export type BoundarySide = 'below' | 'at' | 'above';
export const BOUNDARY_SIDES: readonly BoundarySide[] = ['below', 'at', 'above'];
export type RuleSuite = 'default' | 'tracemalloc' | 'fork' | '3.12' | '3.13';
export type RuleArea =
  | 'collector' | 'counts' | 'weakrefs' | 'finalizers' | 'tracking' | 'freelists' | 'dicts' | 'lists'
  | 'deallocation' | 'pymalloc' | 'realloc' | 'tracemalloc' | 'fork' | 'versions';

export interface RuleBoundary {
  /** x and L, in words. */
  readonly quantity: string;
  readonly sides: readonly BoundarySide[];
}

export interface RuleMinimums {
  readonly reached: number;
  readonly below?: number;
  readonly at?: number;
  readonly above?: number;
  /** The shares measured (CI seed / seed 1), reached then each side. */
  readonly measured: string;
}

export interface RuleEntry {
  readonly name: string;
  readonly area: RuleArea;
  readonly statement: string;
  /** The document and section the rule comes from: `docs/cpython-3.11.md#long-lived-rule`. */
  readonly doc: string;
  readonly profiles: readonly CPythonVersion[];
  readonly reachedBy: readonly string[];
  readonly boundary?: RuleBoundary;
  readonly suite: RuleSuite;
  readonly minimums: RuleMinimums;
}

const ALL: readonly CPythonVersion[] = ['3.11', '3.12', '3.13'];
const FROM_312: readonly CPythonVersion[] = ['3.12', '3.13'];
const C311 = 'docs/cpython-3.11.md';
const VERSIONS = 'docs/cpython-versions.md#1-the-differences';
const THREE: readonly BoundarySide[] = BOUNDARY_SIDES;
const BELOW_AT: readonly BoundarySide[] = ['below', 'at'];

export const RULE_CATALOGUE: readonly RuleEntry[] = [
  // The collector.
  {
    name: 'gc-threshold-0', area: 'collector', doc: `${C311}#automatic-collection`, profiles: ALL, suite: 'default',
    statement: 'A GC allocation not served by a freelist collects (3.11) or schedules a collection (3.12 on) when count[0] > threshold[0], strictly, with the collector enabled, threshold[0] ≠ 0 and no collection running.',
    reachedBy: ['trace:collect.gen0.automatic', 'trace:collect.gen1.automatic', 'trace:collect.gen2.automatic'],
    boundary: { quantity: 'count[0] after a counted GC allocation vs threshold[0]', sides: THREE },
    minimums: { reached: 9, below: 7, at: 8.5, above: 7, measured: 'reached 27.70–29.20%; below 21.30–23.65%; at 25.35–26.45%; above 21.70–23.05%' },
  },
  {
    name: 'gc-threshold-0-default', area: 'collector', doc: `${C311}#automatic-collection`, profiles: ALL, suite: 'default',
    statement: 'The same rule at CPython\'s default thresholds (700, 10, 10; 2000 under 3.13): the 701st net counted allocation collects, not the 700th.',
    reachedBy: [],
    boundary: { quantity: 'count[0] vs threshold[0] while threshold[0] is the profile\'s default', sides: THREE },
    minimums: { reached: 0.03, below: 0.03, at: 0.03, above: 0.03, measured: 'reached 0.10%; below 0.10%; at 0.10%; above 0.10%' },
  },
  {
    name: 'gc-threshold-1', area: 'collector', doc: `${C311}#long-lived-rule`, profiles: ALL, suite: 'default',
    statement: 'An automatic collection takes the oldest generation g with count[g] > threshold[g]; generation 1 when generation 2 is not over (or is skipped).',
    reachedBy: ['trace:collect.gen1.automatic'],
    boundary: { quantity: 'count[1] vs threshold[1] when the scan reaches generation 1', sides: THREE },
    minimums: { reached: 2.5, below: 5, at: 4, above: 2.5, measured: 'reached 7.50–9.35%; below 15.65–16.15%; at 11.30–11.95%; above 7.10–9%' },
  },
  {
    name: 'gc-threshold-2', area: 'collector', doc: `${C311}#long-lived-rule`, profiles: ALL, suite: 'default',
    statement: 'Generation 2 is collected automatically when count[2] > threshold[2] (and the long-lived rule allows it).',
    reachedBy: ['trace:collect.gen2.automatic'],
    boundary: { quantity: 'count[2] vs threshold[2] at each automatic choice of a generation', sides: THREE },
    minimums: { reached: 5, below: 3.5, at: 5.5, above: 5, measured: 'reached 15.05–17.45%; below 10.95–11.15%; at 16.65–19.20%; above 15.05–17.35%' },
  },
  {
    name: 'long-lived-ratio', area: 'collector', doc: `${C311}#long-lived-rule`, profiles: ALL, suite: 'default',
    statement: 'Generation 2 is skipped while long_lived_pending < long_lived_total / 4 (C integer division); pending grows by the survivors of generation-1 collections, a full collection resets it.',
    reachedBy: [],
    boundary: { quantity: 'long_lived_pending vs long_lived_total / 4 when count[2] > threshold[2]', sides: THREE },
    minimums: { reached: 4.5, below: 4.5, at: 4.5, above: 3, measured: 'reached 14.15–16.85%; below 13.25–15.65%; at 12.95–15.60%; above 8.30–10.05%' },
  },
  {
    name: 'counts', area: 'counts', doc: `${C311}#counts`, profiles: ALL, suite: 'default',
    statement: 'count[0] goes up by one per GC allocation and down by one per GC free while above 0, freelists bypassing both; a collection of g adds one to count[g + 1] and zeroes count[0..g]; freeze zeroes all.',
    reachedBy: ['invariant:count-rules'],
    minimums: { reached: 31, measured: 'reached 93.55–94.70%' },
  },
  {
    name: 'promotion', area: 'collector', doc: `${C311}#promotion`, profiles: ALL, suite: 'default',
    statement: 'The survivors of a collection of generation g < 2 move to g + 1; a full collection\'s stay in generation 2.',
    reachedBy: ['invariant:survivors-promoted'],
    minimums: { reached: 16, measured: 'reached 46.80–48.65%' },
  },
  {
    name: 'young-garbage-only', area: 'collector', doc: `${C311}#cross-generation-references`, profiles: ALL, suite: 'default',
    statement: 'A collection frees the garbage of the generations it takes in and nothing an older generation, the permanent one or an untracked object holds.',
    reachedBy: ['invariant:collect-frees-exactly-young-garbage'],
    minimums: { reached: 3, measured: 'reached 9.40–9.60%' },
  },
  {
    name: 'freeze', area: 'collector', doc: `${C311}#the-gc-module`, profiles: ALL, suite: 'default',
    statement: '`gc.freeze()` moves every tracked object to the permanent generation, which no collection examines; `gc.unfreeze()` moves it back to generation 2.',
    reachedBy: ['feature:gc.freeze-with-objects'],
    minimums: { reached: 4.5, measured: 'reached 14–14.90%' },
  },
  {
    name: 'saveall', area: 'collector', doc: `${C311}#the-gc-module`, profiles: ALL, suite: 'default',
    statement: 'Under `DEBUG_SAVEALL` a collection appends its garbage to `gc.garbage` instead of freeing it.',
    reachedBy: ['feature:gc.saveall-append'],
    minimums: { reached: 0.8, measured: 'reached 2.55–2.60%' },
  },
  // Weakrefs and finalizers.
  {
    name: 'weakref-cleared-by-collection', area: 'weakrefs', doc: `${C311}#weakrefs`, profiles: ALL, suite: 'default',
    statement: 'A collection clears every weakref to its garbage, and every weakref that is garbage itself, before any finalizer runs.',
    reachedBy: ['invariant:weakref-cleared-before-finalizers'],
    minimums: { reached: 2.5, measured: 'reached 8.15–8.40%' },
  },
  {
    name: 'weakref-callback-if-reachable', area: 'weakrefs', doc: `${C311}#weakrefs`, profiles: ALL, suite: 'default',
    statement: 'In a collection a cleared weakref calls back only if it is not garbage itself.',
    reachedBy: ['feature:weakref.callback.gc', 'feature:weakref.callback-suppressed'],
    minimums: { reached: 0.2, measured: 'reached 0.50–0.60%' },
  },
  {
    name: 'weakref-callbacks-on-death', area: 'weakrefs', doc: `${C311}#refcount-deallocation`, profiles: ALL, suite: 'default',
    statement: 'A refcount death clears its weakrefs, then calls back, callback-less first then newest first.',
    reachedBy: ['feature:weakref.callback.refcount'],
    minimums: { reached: 3, measured: 'reached 9.75–10.70%' },
  },
  {
    name: 'finalizer-once', area: 'finalizers', doc: `${C311}#finalizers-and-resurrection`, profiles: ALL, suite: 'default',
    statement: 'A `__del__` runs at most once per object, whether by refcount or by a collection.',
    reachedBy: ['feature:finalizer.gc', 'feature:finalizer.refcount'],
    minimums: { reached: 17, measured: 'reached 52.20–53.35%' },
  },
  {
    name: 'resurrection', area: 'finalizers', doc: `${C311}#finalizers-and-resurrection`, profiles: ALL, suite: 'default',
    statement: 'A finalizer that stores its object resurrects it: a refcount deallocation stops; a collection moves it and what it reaches to old, uncounted.',
    reachedBy: ['feature:resurrection.gc', 'feature:resurrection.refcount'],
    minimums: { reached: 13, measured: 'reached 38.95–40.10%' },
  },
  // Tracking.
  {
    name: 'tuple-untracking', area: 'tracking', doc: `${C311}#tracking`, profiles: ALL, suite: 'default',
    statement: 'Every collection untracks the surviving young tuples none of whose items may be tracked.',
    reachedBy: ['feature:tuple.untracked'],
    minimums: { reached: 0.4, measured: 'reached 1.05%' },
  },
  {
    name: 'dict-untracking', area: 'tracking', doc: `${C311}#tracking`, profiles: ALL, suite: 'default',
    statement: 'A full collection untracks the surviving dicts none of whose values may be tracked.',
    reachedBy: ['feature:dict.untracked'],
    minimums: { reached: 0.2, measured: 'reached 0.55–0.70%' },
  },
  {
    name: 'dict-tracked-on-insert', area: 'tracking', doc: `${C311}#tracking`, profiles: ALL, suite: 'default',
    statement: 'Inserting a value that may be tracked into an untracked dict tracks it.',
    reachedBy: ['feature:dict.tracked-on-insert'],
    minimums: { reached: 11, measured: 'reached 33.05–34.80%' },
  },
  // Freelists.
  {
    name: 'freelist-list-capacity', area: 'freelists', doc: `${C311}#freelists`, profiles: ALL, suite: 'default',
    statement: 'A dying list goes to the list freelist while it holds fewer than 80; the 81st is freed.',
    reachedBy: ['feature:freelist.list.hit'],
    boundary: { quantity: 'the list freelist\'s length with the dying list vs 80', sides: THREE },
    minimums: { reached: 15, below: 0.1, at: 0.1, above: 0.1, measured: 'reached 46.35–50.55%; below 0.35–0.50%; at 0.35–0.50%; above 0.35–0.50%' },
  },
  {
    name: 'freelist-dict-capacity', area: 'freelists', doc: `${C311}#freelists`, profiles: ALL, suite: 'default',
    statement: 'A dying dict goes to the dict freelist while it holds fewer than 80; the 81st is freed.',
    reachedBy: ['feature:freelist.dict.hit'],
    boundary: { quantity: 'the dict freelist\'s length with the dying dict vs 80', sides: THREE },
    minimums: { reached: 4, below: 0.05, at: 0.05, above: 0.05, measured: 'reached 11.55–13.90%; below 0.15–0.20%; at 0.15–0.20%; above 0.15–0.20%' },
  },
  {
    name: 'freelist-keys-capacity', area: 'freelists', doc: `${C311}#freelists`, profiles: ALL, suite: 'default',
    statement: 'A freed 8-slot keys table goes to the keys freelist while it holds fewer than 80.',
    reachedBy: ['feature:freelist.keys.hit'],
    boundary: { quantity: 'the keys freelist\'s length with the freed table vs 80', sides: THREE },
    minimums: { reached: 3, below: 0.05, at: 0.05, above: 0.05, measured: 'reached 8.45–10.05%; below 0.15–0.20%; at 0.15–0.20%; above 0.15–0.20%' },
  },
  {
    name: 'freelist-tuple-capacity', area: 'freelists', doc: `${C311}#freelists`, profiles: ALL, suite: 'default',
    statement: 'A dying tuple of length 1..20 goes to the freelist of its length while it holds fewer than 2000.',
    reachedBy: ['feature:freelist.tuple.hit'],
    boundary: { quantity: 'the freelist\'s length (of the tuple\'s length) with the dying tuple vs 2000', sides: THREE },
    minimums: { reached: 2.5, below: 0.03, at: 0.03, above: 0.03, measured: 'reached 8.05–8.50%; below 0.10–0.15%; at 0.10–0.15%; above 0.10–0.15%' },
  },
  {
    name: 'tuple-freelist-push-length', area: 'freelists', doc: `${C311}#freelists`, profiles: ALL, suite: 'default',
    statement: 'Only tuples of length 1..20 are pushed on a freelist (PyTuple_NFREELISTS).',
    reachedBy: [],
    boundary: { quantity: 'a dying tuple\'s length vs 20', sides: THREE },
    minimums: { reached: 2, below: 0.9, at: 0.7, above: 0.7, measured: 'reached 6.70–6.95%; below 2.60–2.70%; at 2.20–3%; above 2–2.60%' },
  },
  {
    name: 'tuple-freelist-reuse-length', area: 'freelists', doc: `${C311}#freelists`, profiles: ALL, suite: 'default',
    statement: 'An allocation takes from the tuple freelists only lengths up to 19 (3.11, 3.12.1) or 20 (3.13): 20-tuples pile up until a full collection.',
    reachedBy: [],
    boundary: { quantity: 'a new tuple\'s length vs the profile\'s tupleFreelistReuseMax', sides: THREE },
    minimums: { reached: 2.5, below: 0.8, at: 0.9, above: 0.7, measured: 'reached 7–7.30%; below 2.50–2.70%; at 2.60–2.70%; above 2.20–3%' },
  },
  {
    name: 'freelists-cleared-by-full-collection', area: 'freelists', doc: `${C311}#freelists`, profiles: ALL, suite: 'default',
    statement: 'Every full collection empties every freelist as its last step.',
    reachedBy: ['feature:freelist.cleared-by-gc'],
    minimums: { reached: 7.5, measured: 'reached 22.05–22.85%' },
  },
  // Dicts and lists.
  {
    name: 'dict-usable-entries', area: 'dicts', doc: `${C311}#dict-growth`, profiles: ALL, suite: 'default',
    statement: 'A table of `size` slots has 2·size/3 usable entries; an insertion that finds none resizes to the smallest power of two ≥ 3·used.',
    reachedBy: ['feature:dict.resize'],
    boundary: { quantity: 'the entries with a new key vs the table\'s usable entries', sides: THREE },
    minimums: { reached: 3, below: 7, at: 5, above: 3, measured: 'reached 8.90–9.10%; below 20.60–20.75%; at 15.40–15.85%; above 8.90–9.10%' },
  },
  {
    name: 'dict-index-width', area: 'dicts', doc: `${C311}#object-sizes`, profiles: ALL, suite: 'default',
    statement: 'A keys table\'s index takes one byte per slot below 256 slots and two from 256.',
    reachedBy: [],
    boundary: { quantity: 'log2 of a new table\'s slots vs 8', sides: THREE },
    minimums: { reached: 3, below: 3, at: 2, above: 0.9, measured: 'reached 8.35–8.65%; below 8.35–8.65%; at 5.70–5.85%; above 2.60%' },
  },
  {
    name: 'dict-display-presized', area: 'dicts', doc: `${C311}#dict-growth`, profiles: ALL, suite: 'default',
    statement: 'A dict display of more than 5 entries allocates a table sized for them first; smaller ones grow by insertion.',
    reachedBy: [],
    boundary: { quantity: 'a display\'s entries vs 5', sides: THREE },
    minimums: { reached: 5.5, below: 2.5, at: 2.5, above: 2, measured: 'reached 16.45–17.30%; below 7.95–8.05%; at 7.60–7.65%; above 6.50–8%' },
  },
  {
    name: 'list-growth', area: 'lists', doc: `${C311}#list-growth`, profiles: ALL, suite: 'default',
    statement: '`list_resize` reallocates only outside allocated/2 ≤ n ≤ allocated; growing, to (n + n/8 + 6) & ~3.',
    reachedBy: [],
    boundary: { quantity: 'the new size vs the allocated slots', sides: THREE },
    minimums: { reached: 18, below: 7.5, at: 2.5, above: 17, measured: 'reached 54.80–56.10%; below 22.55–22.90%; at 8.15–8.50%; above 51.95–52.75%' },
  },
  {
    name: 'list-shrink', area: 'lists', doc: `${C311}#list-growth`, profiles: ALL, suite: 'default',
    statement: 'A shrinking list keeps its array while the new size is at least allocated/2.',
    reachedBy: [],
    boundary: { quantity: 'the new size vs allocated / 2, shrinking', sides: THREE },
    minimums: { reached: 4, below: 0.7, at: 2, above: 2, measured: 'reached 11.95–12.10%; below 2–2.35%; at 6.70–7.40%; above 6–6.95%' },
  },
  {
    name: 'trashcan-depth', area: 'deallocation', doc: `${C311}#trashcan`, profiles: ALL, suite: 'default',
    statement: 'Beyond 50 nested deallocations the trashcan defers them; pymem releases iteratively, and the order does not show.',
    reachedBy: ['feature:release.depth:51+'],
    boundary: { quantity: 'the depth of a container\'s release frame vs 50', sides: THREE },
    minimums: { reached: 0.4, below: 0.4, at: 0.4, above: 0.4, measured: 'reached 1.10–1.30%; below 1.10–1.30%; at 1.10–1.30%; above 1.10–1.30%' },
  },
  // pymalloc.
  {
    name: 'small-request-threshold', area: 'pymalloc', doc: `${C311}#pymalloc-constants`, profiles: ALL, suite: 'default',
    statement: 'Requests of 1..512 bytes are pymalloc\'s; 0 and more than 512 go to the system allocator.',
    reachedBy: ['feature:raw.malloc.large'],
    boundary: { quantity: 'a request\'s bytes vs 512', sides: THREE },
    minimums: { reached: 7.5, below: 0.6, at: 3, above: 3, measured: 'reached 22.40–23.85%; below 1.70–1.85%; at 9.15–9.75%; above 8.70–9.90%' },
  },
  {
    name: 'size-class-edge', area: 'pymalloc', doc: `${C311}#pymalloc-constants`, profiles: ALL, suite: 'default',
    statement: 'A request of n bytes is in class (n − 1) >> 4, whose blocks are 16·(class + 1) bytes.',
    reachedBy: [],
    boundary: { quantity: 'a request\'s bytes vs the top of its 16-byte class (16k − 1, 16k, 16k + 1)', sides: THREE },
    minimums: { reached: 30, below: 2.5, at: 29, above: 6, measured: 'reached 88.85–89.80%; below 7.05–7.45%; at 88.20–89.30%; above 18–18.40%' },
  },
  {
    name: 'pool-capacity', area: 'pymalloc', doc: `${C311}#allocation-path`, profiles: ALL, suite: 'default',
    statement: 'A pool of class c holds (pool size − 48) / block size blocks; the allocation that takes its last block makes it full and it leaves usedpools.',
    reachedBy: ['feature:pool.full'],
    boundary: { quantity: 'a pool\'s blocks in use after an allocation vs the blocks it holds', sides: BELOW_AT },
    minimums: { reached: 6.5, below: 6, at: 5.5, measured: 'reached 19.95–20.55%; below 18.60–19.30%; at 17.10–17.95%' },
  },
  {
    name: 'pool-reuse-same-class', area: 'pymalloc', doc: `${C311}#allocation-path`, profiles: ALL, suite: 'default',
    statement: 'A pool taken again for the class it last served keeps its free list and hands out the block freed last.',
    reachedBy: ['feature:pool.reuse-same-class'],
    minimums: { reached: 9, measured: 'reached 27.35–27.70%' },
  },
  {
    name: 'arena-capacity', area: 'pymalloc', doc: `${C311}#pools-and-arenas`, profiles: ALL, suite: 'default',
    statement: 'An arena whose last free pool is taken leaves usable_arenas.',
    reachedBy: ['feature:arena.full'],
    boundary: { quantity: 'an arena\'s pools in use after a pool is taken vs its pools', sides: BELOW_AT },
    minimums: { reached: 11, below: 14, at: 11, measured: 'reached 34.30–34.75%; below 42.95–43.35%; at 34.30–34.75%' },
  },
  {
    name: 'arena-release', area: 'pymalloc', doc: `${C311}#free-path`, profiles: ALL, suite: 'default',
    statement: 'An arena whose last pool empties is released, unless it is the last usable arena (bpo-37257).',
    reachedBy: ['feature:arena.released', 'feature:arena.empty-kept'],
    boundary: { quantity: 'an arena\'s free pools after a pool empties vs its pools', sides: BELOW_AT },
    minimums: { reached: 5, below: 9.5, at: 5, measured: 'reached 15.55–15.85%; below 28.75–30.20%; at 15.55–15.85%' },
  },
  {
    name: 'realloc-shrink-in-place', area: 'realloc', doc: `${C311}#realloc`, profiles: ALL, suite: 'default',
    statement: 'A small block of size S reallocated to n ≤ S stays in place when 4n > 3S, so from ⌊3S/4⌋ + 1 up.',
    reachedBy: ['feature:realloc.in-place'],
    boundary: { quantity: 'the new size vs ⌊3S/4⌋ + 1', sides: THREE },
    minimums: { reached: 3.5, below: 0.7, at: 1, above: 0.5, measured: 'reached 10.35%; below 2.05–2.15%; at 3.20–3.65%; above 1.35–1.80%' },
  },
  {
    name: 'realloc-grow-in-place', area: 'realloc', doc: `${C311}#realloc`, profiles: ALL, suite: 'default',
    statement: 'A small block reallocated to more than its size S moves (malloc first, then free).',
    reachedBy: ['feature:realloc.moved'],
    boundary: { quantity: 'the new size vs the block size S', sides: THREE },
    minimums: { reached: 9, below: 0.4, at: 1.5, above: 0.7, measured: 'reached 26.30–27.20%; below 1.15–1.70%; at 4.25–4.60%; above 2.05–2.20%' },
  },
  {
    name: 'raw-blocks-stay-raw', area: 'realloc', doc: `${C311}#realloc`, profiles: ALL, suite: 'default',
    statement: 'A block pymalloc did not serve is reallocated by the system allocator and stays there, even when the new size is small.',
    reachedBy: ['feature:raw.realloc'],
    minimums: { reached: 0.8, measured: 'reached 2.45–2.55%' },
  },
  // The features the default swarm leaves out.
  {
    name: 'tracemalloc-traces', area: 'tracemalloc', doc: 'docs/abstract-machine.md#tracemalloc', profiles: ALL, suite: 'tracemalloc',
    statement: 'While tracing, every malloc, realloc and free is traced at the current line; freelists keep their traces.',
    reachedBy: ['invariant:traced-memory-matches-live-blocks'],
    minimums: { reached: 5, measured: 'the invariant\'s: 14.9% over the file\'s CI run' },
  },
  {
    name: 'fork-pages', area: 'fork', doc: 'docs/abstract-machine.md#fork-and-copy-on-write', profiles: ALL, suite: 'fork',
    statement: 'After `fork()` every header, GC link and allocator write dirties its 4 KiB page once.',
    reachedBy: ['invariant:pages-written-match-touches'],
    minimums: { reached: 5, measured: 'the invariant\'s: 14.9% over the file\'s CI run' },
  },
  // The 3.12 and 3.13 variants (docs/cpython-versions.md, the table of differences).
  {
    name: 'scheduled-collection', area: 'versions', doc: VERSIONS, profiles: FROM_312, suite: '3.12',
    statement: 'From 3.12 the allocation only schedules the collection; it runs at the next eval-breaker check, choosing its generation then.',
    reachedBy: ['feature:collect.scheduled'],
    boundary: { quantity: 'count[0] vs threshold[0] (gc-threshold-0\'s counters, under 3.12)', sides: THREE },
    minimums: { reached: 11, below: 3.4, at: 10.5, above: 9.5, measured: 'reached 32.70–34.75%; below 10.15–10.85%; at 32.15–34.70%; above 29.35–31.70% (3.12 and 3.13 alike)' },
  },
  {
    name: 'pending-nests-in-collection', area: 'versions', doc: VERSIONS, profiles: ['3.12'], suite: '3.12',
    statement: '3.12: a pending collection met inside a running one (a callback, a `__del__`) runs nested in it.',
    reachedBy: ['feature:collect.pending.nested'],
    minimums: { reached: 1.3, measured: 'reached 3.85–4.05%' },
  },
  {
    name: 'pending-while-disabled', area: 'versions', doc: VERSIONS, profiles: FROM_312, suite: '3.12',
    statement: 'A pending collection met with the collector disabled runs anyway in 3.12.1 (3.12.0–3.12.2) and is dropped in 3.13.',
    reachedBy: ['feature:collect.pending.while-disabled'],
    minimums: { reached: 0.07, measured: 'reached 0.20–0.40% (3.12 and 3.13 alike)' },
  },
  {
    name: 'instance-layout', area: 'versions', doc: VERSIONS, profiles: FROM_312, suite: '3.12',
    statement: 'From 3.12 an `Obj`/`Fin`/`Lazarus` is one 72-byte block (class 80) with a 16-byte pre-header: its GC head at block + 16, its object at block + 32.',
    reachedBy: ['statement:newInstance'],
    minimums: { reached: 27, measured: 'reached 82.10–83.70% (3.12 and 3.13 alike)' },
  },
  {
    name: 'default-threshold-2000', area: 'versions', doc: VERSIONS, profiles: ['3.13'], suite: '3.13',
    statement: '3.13 starts with thresholds (2000, 10, 10): the 2001st net counted allocation collects.',
    reachedBy: [],
    boundary: { quantity: 'count[0] vs threshold[0] at 2000 (gc-threshold-0-default\'s counters, under 3.13)', sides: THREE },
    minimums: { reached: 0, measured: 'not reached: under 3.13 the long history\'s 20-tuples come back from their freelist, so no program of the generator climbs to 2000; not required' },
  },
  {
    name: 'pending-dropped', area: 'versions', doc: VERSIONS, profiles: ['3.13'], suite: '3.13',
    statement: '3.13: a pending collection met inside a running one, or with the collector disabled, is dropped.',
    reachedBy: ['feature:collect.pending.dropped'],
    minimums: { reached: 1.3, measured: 'reached 4.00–4.35%' },
  },
  {
    name: 'list-pop-last-clears', area: 'versions', doc: VERSIONS, profiles: FROM_312, suite: '3.12',
    statement: 'From 3.12 `pop()` of the last item clears the list, freeing its array.',
    reachedBy: ['feature:list.pop-cleared'],
    minimums: { reached: 1.1, measured: 'reached 3.30–4.15% (3.12 and 3.13 alike)' },
  },
  {
    name: 'list-del-keeps-array', area: 'versions', doc: VERSIONS, profiles: ['3.13'], suite: '3.13',
    statement: '3.13: `del x[i]` only shifts the items; the array is never reallocated nor freed.',
    reachedBy: ['feature:list.del-kept-array'],
    minimums: { reached: 3, measured: 'reached 9.10–10.20%' },
  },
  {
    name: 'tuple-freelist-reuse-20', area: 'versions', doc: VERSIONS, profiles: ['3.13'], suite: '3.13',
    statement: '3.13 takes 20-tuples back from their freelist (tupleFreelistReuseMax 20).',
    reachedBy: [],
    boundary: { quantity: 'a new tuple\'s length vs 20 (tuple-freelist-reuse-length\'s counters, under 3.13)', sides: THREE },
    minimums: { reached: 0, measured: 'not reached by the swarm the version runs draw (tuples of 18–21 items come from the rule idioms only): not required' },
  },
];

export const RULES: readonly string[] = RULE_CATALOGUE.map((r) => r.name);

export function ruleEntry(name: string): RuleEntry | undefined {
  return RULE_CATALOGUE.find((r) => r.name === name);
}

/**
 * The feature counters behind a rule's boundary: its own (`rule:<name>:<side>`), except for the version
 * variants that read a 3.11 rule's counters under their profile.
 */
const BOUNDARY_COUNTERS_OF: Readonly<Record<string, string>> = {
  'scheduled-collection': 'gc-threshold-0',
  'tuple-freelist-reuse-20': 'tuple-freelist-reuse-length',
  'default-threshold-2000': 'gc-threshold-0-default',
};

export function boundaryCounter(rule: RuleEntry, side: BoundarySide): string {
  return `rule:${BOUNDARY_COUNTERS_OF[rule.name] ?? rule.name}:${side}`;
}

/** The statistics keys of a rule: `rule:<name>` (reached) and `rule:<name>:<side>` for each side of its boundary. */
export function ruleKeys(rule: RuleEntry): string[] {
  return [`rule:${rule.name}`, ...(rule.boundary?.sides ?? []).map((side) => `rule:${rule.name}:${side}`)];
}
