/*
 * Allocator events: how often each pool and arena transition, raw fallback and realloc outcome happened,
 * and how many blocks each size class handed out. The property suite prints them as statistics and
 * fails when a generator change starves one; fuzz campaigns bucket them into coverage features.
 *
 * One Uint32Array per Pymalloc (`pymalloc.events`, owned by its Pools so that Pools and Arenas reach it
 * without knowing the Pymalloc), incremented in place at the event (`events[X]++`): no allocation, no
 * call. It observes and never decides anything. pymalloc stays independent of the runtime.
 *
 * Layout (index: name — where it is incremented):
 *    0 pool.carved              Arenas.takePool: a never-used pool carved from its arena
 *    1 pool.from-freepools      Arenas.takePool: an emptied pool popped from its arena's freepools
 *    2 pool.reuse-same-class    allocateFromNewPool: the popped pool last served this class, free list kept
 *    3 pool.reuse-other-class   allocateFromNewPool: the popped pool served another class, re-initialised
 *    4 pool.init                Pools.initPool (a carved pool or another class)
 *    5 pool.full                Pools.poolExtend: no block left, the pool leaves usedpools
 *    6 pool.full-to-used        pymallocFree: a block freed in a full pool
 *    7 pool.full-to-empty       pymallocFree: the block of a one-block pool freed
 *    8 pool.emptied             Arenas.insertToFreepool: a pool's last block freed
 *    9 arena.new                Arenas.newArena
 *   10 arena.full               Arenas.takePool: its last free pool taken, it leaves usable_arenas
 *   11 arena.full-to-usable     insertToFreepool Case 2: a full arena back at the head of usable_arenas
 *   12 arena.resorted           insertToFreepool Case 3: moved right in usable_arenas
 *   13 arena.released           insertToFreepool Case 1 (freeArena): wholly empty and not the last usable
 *   14 arena.empty-kept         insertToFreepool: wholly empty but the last usable arena, kept (bpo-37257)
 *   15 raw.malloc.zero          objectMalloc: a 0-byte request, served raw
 *   16 raw.malloc.large         objectMalloc: a request over 512 bytes, served raw
 *   17 raw.free                 free of a raw block
 *   18 raw.realloc              realloc of a raw block (it stays raw)
 *   19 realloc.small            pymalloc_realloc of a small block (in place, moved or to raw)
 *   20 realloc.moved            … to another small block
 *   21 realloc.to-raw           … to a raw block (0 or more than 512 bytes)
 *   22 … 53 sizeclass:0 … sizeclass:31   pymallocAlloc: blocks handed out per size class
 *   54 … rule:<name>:below|at|above   a rule's boundary (PYMALLOC_BOUNDARY_RULES, three counters each):
 *                                 where the rule compares x with its limit L, x = L − 1, L, L + 1
 *      small-request-threshold    objectMalloc: the request vs 512 (raw above)
 *      size-class-edge            pymallocAlloc: the request vs the top of its size class (16k − 1, 16k, 16k + 1)
 *      pool-capacity              pymallocAlloc: the pool's blocks in use after it vs the blocks it holds
 *      arena-capacity             Arenas.takePool: the arena's pools in use after it vs its pools
 *      arena-release              Arenas.insertToFreepool: the arena's free pools after a pool emptied vs its pools
 *      realloc-shrink-in-place    reallocBlock: a small block's new size n vs ⌊3S/4⌋ + 1 (in place from there)
 *      realloc-grow-in-place      reallocBlock: n vs the block size S (in place up to S)
 * `realloc.in-place` is realloc.small − realloc.moved − realloc.to-raw (PYMALLOC_DERIVED_EVENTS).
 */
import { NB_SMALL_SIZE_CLASSES } from './geometry.js';

export const POOL_CARVED = 0;
export const POOL_FROM_FREEPOOLS = 1;
export const POOL_REUSE_SAME_CLASS = 2;
export const POOL_REUSE_OTHER_CLASS = 3;
export const POOL_INIT = 4;
export const POOL_FULL = 5;
export const POOL_FULL_TO_USED = 6;
export const POOL_FULL_TO_EMPTY = 7;
export const POOL_EMPTIED = 8;
export const ARENA_NEW = 9;
export const ARENA_FULL = 10;
export const ARENA_FULL_TO_USABLE = 11;
export const ARENA_RESORTED = 12;
export const ARENA_RELEASED = 13;
export const ARENA_EMPTY_KEPT = 14;
export const RAW_MALLOC_ZERO = 15;
export const RAW_MALLOC_LARGE = 16;
export const RAW_FREE = 17;
export const RAW_REALLOC = 18;
export const REALLOC_SMALL = 19;
export const REALLOC_MOVED = 20;
export const REALLOC_TO_RAW = 21;
/** Blocks handed out in size class i: SIZE_CLASS_ALLOCS + i. */
export const SIZE_CLASS_ALLOCS = 22;
/** The rules whose boundary the allocator observes, in counter order (three counters each: below, at, above). */
export const PYMALLOC_BOUNDARY_RULES = [
  'small-request-threshold', 'size-class-edge', 'pool-capacity', 'arena-capacity', 'arena-release',
  'realloc-shrink-in-place', 'realloc-grow-in-place',
] as const;
const RULE_BOUNDARY = SIZE_CLASS_ALLOCS + NB_SMALL_SIZE_CLASSES;
/** The `at` counter of a rule's boundary (below is one less, above one more). */
const atOf = (rule: (typeof PYMALLOC_BOUNDARY_RULES)[number]) => RULE_BOUNDARY + 3 * PYMALLOC_BOUNDARY_RULES.indexOf(rule) + 1;
export const AT_SMALL_REQUEST = atOf('small-request-threshold');
export const AT_SIZE_CLASS_EDGE = atOf('size-class-edge');
export const AT_POOL_CAPACITY = atOf('pool-capacity');
export const AT_ARENA_CAPACITY = atOf('arena-capacity');
export const AT_ARENA_RELEASE = atOf('arena-release');
export const AT_REALLOC_SHRINK = atOf('realloc-shrink-in-place');
export const AT_REALLOC_GROW = atOf('realloc-grow-in-place');
export const PYMALLOC_EVENT_COUNT = RULE_BOUNDARY + 3 * PYMALLOC_BOUNDARY_RULES.length;

/** A rule compared x with its limit, `delta` = x − limit: −1, 0, +1 count below, at, above; farther off, nothing. */
export function eventAtBoundary(events: Uint32Array, at: number, delta: number): void {
  if (delta >= -1 && delta <= 1) events[at + delta]++;
}

const NAMED_EVENTS = [
  'pool.carved', 'pool.from-freepools', 'pool.reuse-same-class', 'pool.reuse-other-class', 'pool.init', 'pool.full',
  'pool.full-to-used', 'pool.full-to-empty', 'pool.emptied', 'arena.new', 'arena.full', 'arena.full-to-usable',
  'arena.resorted', 'arena.released', 'arena.empty-kept', 'raw.malloc.zero', 'raw.malloc.large', 'raw.free',
  'raw.realloc', 'realloc.small', 'realloc.moved', 'realloc.to-raw',
];

/** Index → name, for statistics and coverage keys. */
export const PYMALLOC_EVENT_NAMES: readonly string[] = [
  ...NAMED_EVENTS,
  ...Array.from({ length: NB_SMALL_SIZE_CLASSES }, (_, i) => `sizeclass:${i}`),
  ...PYMALLOC_BOUNDARY_RULES.flatMap((rule) => ['below', 'at', 'above'].map((side) => `rule:${rule}:${side}`)),
];

/** Counters computed from the others. */
export const PYMALLOC_DERIVED_EVENTS: ReadonlyArray<[name: string, of: (events: Uint32Array) => number]> = [
  ['realloc.in-place', (e) => e[REALLOC_SMALL] - e[REALLOC_MOVED] - e[REALLOC_TO_RAW]],
];
