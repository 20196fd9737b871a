/*
 * The allocator's state as plain data (docs/cpython-3.11.md#pools-and-arenas), with no intrusive links.
 *
 * Pool — a P-byte piece of an arena, carved once and never "un-carved". Its block k lies at
 *   pool address + 48 + k·size. Blocks are either
 *     allocated (counted in `count`, CPython's ref.count),
 *     free (on `freeList`, a stack: the LAST element is the head, the block freed most recently), or
 *     never used (indices `nextUnused` … blocksPerPool − 1, handed out in ascending order).
 *   CPython keeps the next never-used block already threaded on its free list ("carved ahead");
 *   here it stays in the never-used range until taken, which hands out the same blocks in the same
 *   order. Pool state is derived from `count`: 0 → empty, blocksPerPool → full, otherwise used.
 *   `sizeClass` is the class the pool was last initialised for; a freshly carved pool has
 *   NO_SIZE_CLASS (CPython's DUMMY_SIZE_IDX) so that its first use always initialises it.
 *
 * Arena — A bytes holding A/P pools. `pools` are the carved pools in ascending address order
 *   (pools[i] is at arena address + i·P); `freePools` is the stack of emptied pools (LAST element =
 *   head = the pool emptied most recently). nfreepools = emptied pools + never-carved pools.
 *
 * Lists, each a plain array:
 *   usedPools[idx]  the pools of class idx in state "used"; index 0 is the front (allocation uses it).
 *   usableArenas    the arenas with nfreepools > 0, index 0 = head; sorted by nfreepools ascending.
 *   arenas          every mapped arena, by slot.
 *   live            every block handed out and not yet freed (pymalloc and raw), by address.
 *   freedAddresses  addresses freed and not handed out again, to name double frees.
 */
import type { AllocatorGeometry } from '../../language/ast.js';
import { blocksPerPool } from './geometry.js';

export const NO_SIZE_CLASS = -1;

export interface Pool {
  readonly address: number;
  readonly arena: Arena;
  /** Position of the pool in its arena (0-based). */
  readonly index: number;
  sizeClass: number;
  count: number;
  freeList: number[];
  nextUnused: number;
}

export interface Arena {
  readonly slot: number;
  readonly address: number;
  readonly totalPools: number;
  pools: Pool[];
  freePools: Pool[];
}

export interface RawBlock {
  readonly address: number;
  /** Usable bytes: the request (0 counts as 1) rounded up to 16. */
  readonly capacity: number;
}

export type LiveBlock =
  | { kind: 'pool'; address: number; pool: Pool }
  | { kind: 'raw'; address: number; raw: RawBlock };

export interface AllocatorCounters {
  /** ntimes_arena_allocated */
  arenasAllocatedTotal: number;
  /** narenas_currently_allocated */
  arenasCurrent: number;
  /** narenas_highwater */
  arenasHighwater: number;
  /** raw_allocated_blocks: live blocks that pymalloc handed to the system allocator */
  rawAllocatedBlocks: number;
}

export interface AllocatorState {
  readonly geometry: AllocatorGeometry;
  usedPools: Pool[][];
  usableArenas: Arena[];
  arenas: Map<number, Arena>;
  live: Map<number, LiveBlock>;
  freedAddresses: Set<number>;
  /** Next address of the raw bump allocator. */
  rawNext: number;
  counters: AllocatorCounters;
}

/** Empty pools plus never-carved pools. */
export function nfreepools(arena: Arena): number {
  return arena.freePools.length + (arena.totalPools - arena.pools.length);
}

export function blocksInPool(geometry: AllocatorGeometry, pool: Pool): number {
  return blocksPerPool(geometry, pool.sizeClass);
}

export type PoolState = 'used' | 'full' | 'empty';

export function poolState(geometry: AllocatorGeometry, pool: Pool): PoolState {
  if (pool.count === 0) return 'empty';
  return pool.count === blocksInPool(geometry, pool) ? 'full' : 'used';
}
