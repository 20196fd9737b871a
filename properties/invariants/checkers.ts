/*
 * The parts of the lockstep check that report a violation, each by the module that names the invariant
 * it reports. The catalogue says, per invariant, which of them can report it; a test reads each module
 * and requires the invariant names it uses to be exactly those the catalogue gives it, so the
 * catalogue's claim cannot drift from the code.
 */
export const CHECKERS = {
  compareTrace: {
    module: 'properties/lockstep/compareTrace.ts',
    what: "the statement's two trace lines: collections and their records, frees, finalizers, weakref callbacks, counts, traced memory, pages written",
  },
  compareObjects: {
    module: 'properties/lockstep/compareObjects.ts',
    what: 'the two snapshots object by object: presence, refcount, finalized flag, generation, freelist memory, `sys.getsizeof` (objectsAgree.ts answers "all agree" without snapshots)',
  },
  checkedAllocator: {
    module: 'properties/lockstep/checkedAllocator.ts',
    what: "every allocator call replayed into the allocator model: the same address for each call, no misuse, the same statistics after each statement",
  },
  heapCheck: {
    module: 'properties/lockstep/heapCheck.ts',
    what: "the engine's own debug heap check (`checkHeap`, in pymem impl/debug/checkHeap.ts) after each statement, each report named by what it is about",
  },
  teardown: {
    module: 'properties/lockstep/teardown.ts',
    what: 'after the last statement every root is dropped and full collections run: no object and no block may remain',
  },
  adoption: {
    module: 'properties/lockstep/adoption.ts',
    what: "the weaker levels: the engine's deaths checked against the roots before the model adopts them, and a full collection's completeness",
  },
  compareLevels: {
    module: 'properties/lockstep/compareLevels.ts',
    what: 'the weaker levels: the frees, finalizers and callbacks the model decides itself, and per object presence, finalized flag and (refcount) the refcount',
  },
  disjointBlocks: {
    module: 'properties/lockstep/disjointBlocks.ts',
    what: 'the weaker levels: every allocator call, for blocks that overlap a live block or a free of no live block',
  },
  lockstep: {
    module: 'properties/lockstep/lockstep.ts',
    what: "the runner itself: the engine's choice of tuples to untrack, where CPython's depends on its list order, must be one CPython could make",
  },
} as const;

export type CheckerName = keyof typeof CHECKERS;
export const CHECKER_NAMES = Object.keys(CHECKERS) as CheckerName[];
