/*
 * The invariants catalogue: every invariant pymem checks, defined once. The lockstep checkers report
 * under these names (the `Invariant` type is derived from this list), the exercise counters and the
 * statistics count them, the required minimums are read from here, the planted bugs must each name one,
 * and docs/invariants.md is generated from it (npm run docs:invariants). A new invariant is added here
 * or not at all: test/properties/invariants.test.ts fails when a checker, a minimum or a planted bug
 * names one the catalogue lacks, when an invariant has no planted bug, and when the docs are stale.
 *
 * The order is the statistics report's: the object layer's, the allocator layer's, the teardown, then
 * the three of features the default generator leaves out (tracemalloc, sys.getsizeof, fork).
 *
 * Each minimum is about a third of the share measured over 3000 programs of its profile (seeds 20261121,
 * 1 and 2; properties/statistics/README.md has the report): far enough below that the fixed-seed CI run
 * and a long run from any seed pass, above zero so that an invariant the programs stop reaching fails.
 * The tracemalloc and fork minimums were measured over their files' CI runs (1500 and 1000 programs).
 */
import type { InvariantEntry } from './invariantEntry.js';

export const INVARIANT_CATALOGUE = [
  {
    name: 'reachable-never-freed',
    statement:
      'Nothing reachable from the roots (names, `revived`, `gc.garbage`) is freed or finalized: every object ' +
      'the model still holds is alive in the engine.',
    layer: 'object',
    level: 'reachability',
    checkers: ['compareTrace', 'compareObjects', 'adoption', 'compareLevels'],
    exercisedWhen: 'objects were freed while others stayed alive',
    minimum: { profile: 'default', percentOfPrograms: 25, measured: '76–78%' },
  },
  {
    name: 'refcount-death-is-prompt',
    statement:
      'An object whose last reference goes is deallocated at once, within the statement, with everything its ' +
      'death releases in turn; no object outlives the statement in which the model frees it.',
    layer: 'object',
    level: 'refcount',
    checkers: ['compareTrace', 'compareObjects', 'compareLevels'],
    exercisedWhen: 'objects were freed outside any collection',
    minimum: { profile: 'default', percentOfPrograms: 25, measured: '79–80%' },
  },
  {
    name: 'full-collect-is-complete',
    statement:
      'A full collection takes in generations 0 to 2 and frees every unreachable object there, except what ' +
      '`DEBUG_SAVEALL` appends to `gc.garbage` and what finalizers resurrect; its `collected` is that number. At the ' +
      'reachability level: once an explicit `gc.collect()` is over, nothing unreachable remains but what frozen ' +
      'objects hold and what a collection under `DEBUG_SAVEALL` may have saved.',
    layer: 'object',
    level: 'reachability',
    checkers: ['compareTrace', 'compareObjects', 'adoption', 'compareLevels'],
    exercisedWhen: 'a generation-2 collection found garbage',
    minimum: { profile: 'default', percentOfPrograms: 0.7, measured: '2.2–2.7%' },
  },
  {
    name: 'collect-frees-exactly-young-garbage',
    statement:
      'A collection frees exactly the garbage of the generations it takes in — objects there that nothing ' +
      'outside them reaches, so a cycle held from an older generation survives — and no object the model keeps.',
    layer: 'object',
    level: 'refcount',
    checkers: ['compareTrace', 'compareLevels'],
    exercisedWhen: 'a generation-0 or -1 collection found garbage',
    minimum: { profile: 'default', percentOfPrograms: 1.2, measured: '3.6–3.8%' },
  },
  {
    name: 'refcount-equals-referrers',
    statement:
      "Every live object's refcount is the number of references to it: from names, from the items, values " +
      'and slots of live objects, and from `revived` and `gc.garbage`.',
    layer: 'object',
    level: 'refcount',
    checkers: ['compareObjects', 'heapCheck', 'compareLevels'],
    exercisedWhen: 'some live object had two or more referrers',
    minimum: { profile: 'default', percentOfPrograms: 25, measured: '84–85%' },
  },
  {
    name: 'survivors-promoted',
    statement:
      'The tracked objects a collection of generation g leaves alive move to generation g + 1 (a full ' +
      "collection's stay in 2); no other object changes generation.",
    layer: 'object',
    level: 'cpython',
    checkers: ['compareObjects'],
    exercisedWhen: 'a collection moved an object to an older generation',
    minimum: { profile: 'default', percentOfPrograms: 14, measured: '43–45%' },
  },
  {
    name: 'new-objects-in-gen0',
    statement: 'A new object the collector tracks starts in generation 0.',
    layer: 'object',
    level: 'cpython',
    checkers: ['compareObjects'],
    exercisedWhen: 'a tracked object was created',
    minimum: { profile: 'default', percentOfPrograms: 30, measured: '94%' },
  },
  {
    name: 'frozen-never-collected',
    statement:
      '`gc.freeze()` moves every tracked object to the permanent generation, which no collection examines or ' +
      'frees; `gc.unfreeze()` moves it back, to generation 2.',
    layer: 'object',
    level: 'cpython',
    checkers: ['compareTrace', 'compareObjects'],
    exercisedWhen: 'a collection ran while the permanent generation held objects',
    minimum: { profile: 'default', percentOfPrograms: 2.3, measured: '7.0–7.5%' },
  },
  {
    name: 'count-rules',
    statement:
      '`gc.get_count()` is what CPython keeps: count[0] goes up with each GC allocation a freelist does not ' +
      'serve and down (while positive) with each GC deallocation that goes to no freelist; `collect(g)` zeroes ' +
      'count[0..g] and, below generation 2, adds one to count[g + 1]; `gc.freeze()` zeroes them all.',
    layer: 'object',
    level: 'cpython',
    checkers: ['compareTrace'],
    exercisedWhen: 'the counts changed',
    minimum: { profile: 'default', percentOfPrograms: 30, measured: '96%' },
  },
  {
    name: 'threshold-triggering',
    statement:
      'An automatic collection runs exactly when a GC allocation takes count[0] above threshold[0] (collector ' +
      'enabled, threshold[0] ≠ 0, no collection running), of the oldest generation whose count exceeds its ' +
      'threshold, skipping generation 2 while long_lived_pending < long_lived_total / 4. Under a 3.12 or 3.13 ' +
      'profile the allocation only schedules it: it runs (or nests, or is dropped, as the profile says) at the next ' +
      'eval-breaker check, choosing its generation then, and whether one is pending agrees after every statement.',
    layer: 'object',
    level: 'cpython',
    checkers: ['compareTrace'],
    exercisedWhen: 'an automatic collection ran',
    minimum: { profile: 'default', percentOfPrograms: 6, measured: '18.5–20%' },
  },
  {
    name: 'finalizer-at-most-once',
    statement:
      "An object's `__del__` runs at most once — its finalized flag, once set, stays set, so neither a later " +
      'collection nor a later refcount death runs it again — and before the object is freed; at the refcount and ' +
      'cpython levels, in the statement where the model runs it.',
    layer: 'object',
    level: 'reachability',
    checkers: ['compareTrace', 'compareObjects', 'adoption', 'compareLevels'],
    exercisedWhen: 'an object finalized before was freed',
    minimum: { profile: 'default', percentOfPrograms: 2, measured: '6.5–7.7%' },
  },
  {
    name: 'resurrection-keeps-reachable',
    statement:
      'What a finalizer makes reachable again (a `Lazarus` appending itself to `revived`) survives the ' +
      'collection that ran the finalizer: it is neither freed nor counted as collected.',
    layer: 'object',
    level: 'reachability',
    checkers: ['compareTrace', 'adoption'],
    exercisedWhen: 'a finalizer ran and its object is alive after the statement',
    minimum: { profile: 'default', percentOfPrograms: 15, measured: '47–48%' },
  },
  {
    name: 'weakref-cleared-before-finalizers',
    statement:
      'A weakref is cleared no later than its referent is freed, and a cleared weakref that is still alive ' +
      'calls back: a collection clears every weakref to its garbage, and runs the callbacks of those that are ' +
      'not garbage themselves, before any finalizer runs — so a weakref to an object its finalizer ' +
      'resurrects is dead, its callback run.',
    layer: 'object',
    level: 'reachability',
    checkers: ['compareTrace', 'adoption', 'compareLevels'],
    exercisedWhen: 'a collection that found garbage cleared a weakref',
    minimum: { profile: 'default', percentOfPrograms: 0.1, measured: '0.33–0.43%' },
  },
  {
    name: 'callback-only-if-weakref-reachable',
    statement:
      "A weakref's callback runs only while the weakref itself is alive: a weakref that is garbage in the " +
      'same collection as its referent is cleared without a callback, and a cleared weakref never calls back later.',
    layer: 'object',
    level: 'reachability',
    checkers: ['compareTrace', 'adoption', 'compareLevels'],
    exercisedWhen: 'a weakref with a callback lost its referent',
    minimum: { profile: 'default', percentOfPrograms: 4, measured: '13.4–13.6%' },
  },
  {
    name: 'saveall-keeps-garbage',
    statement:
      'Under `DEBUG_SAVEALL` a collection appends its garbage to `gc.garbage` instead of freeing it; what is ' +
      'saved there stays alive until the list lets it go.',
    layer: 'object',
    level: 'refcount',
    checkers: ['compareTrace', 'compareLevels'],
    exercisedWhen: 'a collection appended garbage to gc.garbage',
    minimum: { profile: 'default', percentOfPrograms: 0.3, measured: '0.9–1.3%' },
  },
  {
    name: 'stats-match-collections',
    statement:
      'Each collection is reported as the model reports it — which generation, how many collected (saved ' +
      'garbage included), none uncollectable — and an explicit `gc.collect(g)` runs exactly its own collection.',
    layer: 'object',
    level: 'cpython',
    checkers: ['compareTrace'],
    exercisedWhen: 'a collection ran (its record was compared)',
    minimum: { profile: 'default', percentOfPrograms: 15, measured: '47–50%' },
  },
  {
    name: 'tracking-rules',
    statement:
      'The collector tracks what CPython tracks: lists, tuples, instances and weakrefs from creation, bytes ' +
      'never, an untracked dict from the first value stored that may be tracked; a collection untracks a ' +
      'surviving tuple (a full collection also a dict) that holds nothing that may be tracked. Broken ' +
      "collector structures the engine's heap check finds (generation and weakref lists, containers) count here too.",
    layer: 'object',
    level: 'cpython',
    checkers: ['compareObjects', 'heapCheck', 'lockstep'],
    exercisedWhen: "an object's tracking changed, or a dict was created",
    minimum: { profile: 'default', percentOfPrograms: 11, measured: '34–35%' },
  },
  {
    name: 'blocks-disjoint-and-aligned',
    statement:
      'Every block handed out starts on a 16-byte boundary and overlaps no live block; freeing or reallocating ' +
      'an address that is not a live block is a violation too. Below the cpython level only the overlap and ' +
      'the misuse are checked.',
    layer: 'allocator',
    level: 'reachability',
    checkers: ['checkedAllocator', 'heapCheck', 'disjointBlocks'],
    exercisedWhen: 'a block was handed out while other blocks were live',
    minimum: { profile: 'default', percentOfPrograms: 30, measured: '91%' },
  },
  {
    name: 'block-in-right-size-class',
    statement:
      'A request of n bytes, 1 to 512, is served by a block of its size class, (n − 1) / 16 rounded down: a ' +
      'block of n rounded up to a multiple of 16 bytes, in a pool of that class.',
    layer: 'allocator',
    level: 'cpython',
    checkers: ['checkedAllocator'],
    exercisedWhen: 'a small request at a size-class boundary (16k or 16k + 1 bytes)',
    minimum: { profile: 'default', percentOfPrograms: 30, measured: '92%' },
  },
  {
    name: 'freed-block-reused-lifo',
    statement:
      'Memory is reused last in, first out: pymalloc serves a size class from the pool at the front of its used ' +
      'list (a pool that stops being full goes to the front), taking the block that pool freed last before ' +
      'carving a new one; a list, dict or tuple freelist gives a new object the memory of the object of its ' +
      'kind freed last.',
    layer: 'allocator',
    level: 'cpython',
    checkers: ['checkedAllocator', 'compareObjects'],
    exercisedWhen: "a freed block or a freelist's memory was handed out again",
    minimum: { profile: 'default', percentOfPrograms: 24, measured: '72–73%' },
  },
  {
    name: 'pool-state-consistent',
    statement:
      "Every pool is in the state its blocks give it — used (on its class's used list), full (on no list) or " +
      "empty (on its arena's free pools) — and the per-class pool counts are the allocator model's.",
    layer: 'allocator',
    level: 'cpython',
    checkers: ['checkedAllocator', 'heapCheck'],
    exercisedWhen: 'a pool changed state (used, full, empty)',
    minimum: { profile: 'default', percentOfPrograms: 32, measured: '98%' },
  },
  {
    name: 'arena-order-and-release',
    statement:
      'Arenas are mapped, ordered and released as in CPython 3.11: usable arenas sorted by free pools ' +
      'ascending, a wholly empty arena released unless it is the last usable one, the arena counters those ' +
      "of the allocator model's history.",
    layer: 'allocator',
    level: 'cpython',
    checkers: ['checkedAllocator', 'heapCheck'],
    exercisedWhen: 'a second arena was mapped, one released, or the usable arenas reordered',
    minimum: { profile: 'default', percentOfPrograms: 8, measured: '26.6–26.7%' },
  },
  {
    name: 'raw-fallback-over-512',
    statement: 'A request of 0 bytes or more than 512 goes to the system allocator; one of 1 to 512 bytes to pymalloc.',
    layer: 'allocator',
    level: 'cpython',
    checkers: ['checkedAllocator'],
    exercisedWhen: 'a request of more than 512 bytes went to the system allocator',
    minimum: { profile: 'default', percentOfPrograms: 5.5, measured: '17–19%' },
  },
  {
    name: 'realloc-in-place-rule',
    statement:
      'A realloc of a pymalloc block of S bytes to n bytes keeps the block exactly when n ≤ S and 4n > 3S; ' +
      'otherwise it moves to a new block.',
    layer: 'allocator',
    level: 'cpython',
    checkers: ['checkedAllocator'],
    exercisedWhen: 'a small block was reallocated',
    minimum: { profile: 'default', percentOfPrograms: 7.5, measured: '23–25%' },
  },
  {
    name: 'bytes-accounting',
    statement:
      "The allocator's byte and block counts (bytes in allocated blocks, raw bytes at the capacity handed " +
      "out, blocks in use) are the allocator model's.",
    layer: 'allocator',
    level: 'cpython',
    checkers: ['checkedAllocator', 'heapCheck'],
    exercisedWhen: 'the bytes in use changed',
    minimum: { profile: 'default', percentOfPrograms: 32, measured: '98%' },
  },
  {
    name: 'heap-empty-at-teardown',
    statement:
      'Once every name is deleted, `revived` and `gc.garbage` are cleared, `DEBUG_SAVEALL` is off, the permanent ' +
      'generation is unfrozen and full collections have run, the engine holds no object and no block but the ' +
      'raw blocks the program leaked.',
    layer: 'object',
    level: 'reachability',
    checkers: ['teardown'],
    exercisedWhen: 'the program ended with objects or blocks to release (counted once)',
    minimum: { profile: 'default', percentOfPrograms: 31, measured: '95–96%' },
  },
  {
    name: 'traced-memory-matches-live-blocks',
    statement:
      "While tracemalloc traces, its traced memory (current, peak) and each program line's bytes and blocks " +
      "still allocated are the model's: a block is traced at the line that last allocated or reallocated it, " +
      'moved to the current line when an object is made anew in it (a freelist hit, a resurrection by refcount).',
    layer: 'allocator',
    level: 'cpython',
    checkers: ['compareTrace'],
    exercisedWhen: 'tracemalloc traced some block at a program line',
    minimum: { profile: 'tracemalloc', percentOfPrograms: 5, measured: '14.9%' },
  },
  {
    name: 'sizes-match-getsizeof',
    statement:
      "Every live object's `sys.getsizeof` is CPython's: the object with its GC header, plus a list's items " +
      "array (8 bytes per allocated slot) or a dict's keys table.",
    layer: 'object',
    level: 'cpython',
    checkers: ['compareObjects'],
    exercisedWhen: "a live list or dict's size (items array, keys table) was compared",
    minimum: { profile: 'default', percentOfPrograms: 28, measured: '85–86%' },
  },
  {
    name: 'pages-written-match-touches',
    statement:
      'After `fork()`, the number of distinct 4 KiB pages written since the fork — headers of objects whose ' +
      'refcount changed, GC heads a collection scans, free-list links and pool headers the allocator writes — ' +
      "is the model's (compared while the model's objects sit at the engine's addresses).",
    layer: 'allocator',
    level: 'cpython',
    checkers: ['compareTrace'],
    exercisedWhen: 'after a fork, pages had been written',
    minimum: { profile: 'fork', percentOfPrograms: 5, measured: '14.9%' },
  },
] as const satisfies readonly InvariantEntry[];

export type Invariant = (typeof INVARIANT_CATALOGUE)[number]['name'];

/** Every invariant's name, in the catalogue's order. */
export const INVARIANTS: readonly Invariant[] = INVARIANT_CATALOGUE.map((entry) => entry.name);

const BY_NAME = new Map<string, InvariantEntry<Invariant>>(INVARIANT_CATALOGUE.map((entry) => [entry.name, entry]));

/** True for a name the catalogue defines: a string read from a file or built at run time may not be. */
export function isInvariant(name: string): name is Invariant {
  return BY_NAME.has(name);
}

export function invariantEntry(name: Invariant): InvariantEntry<Invariant> {
  return BY_NAME.get(name)!;
}
