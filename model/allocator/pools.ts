/*
 * Inside one pool: which block is handed out next and where a freed block goes
 * (obmalloc.c: pymalloc_alloc's fast path, pymalloc_pool_extend, the pool part of pymalloc_free,
 * and the header initialisation at the end of allocate_from_new_pool).
 *
 * Policy:
 *   take   — the head of the free list (the block freed LAST) if there is one; otherwise the lowest
 *            never-used block (never-used blocks go out in ascending address order).
 *   return — the block is pushed on the head of the free list (LIFO); count decreases.
 *   init   — a pool (re)initialised for class idx forgets its old free list: no free blocks, all
 *            blocks never used, so the next take returns offset 48, then 48 + size, …
 *   A pool reused for the class it last served is NOT re-initialised: it keeps its free list and
 *   its never-used range (allocate_from_new_pool's `pool->szidx == size` branch).
 *
 * Invariants: count + freeList.length + (blocksPerPool − nextUnused) = blocksPerPool;
 * every free-list entry is a block of this pool below nextUnused, distinct, and not allocated.
 */
import type { AllocatorGeometry } from '../../language/ast.js';
import type { Arena, Pool } from './state.js';
import { NO_SIZE_CLASS, blocksInPool } from './state.js';
import { POOL_OVERHEAD, blockSizeOfClass } from './geometry.js';

/** A pool carved fresh from an arena: no class yet (DUMMY_SIZE_IDX). */
export function carvedPool(arena: Arena, index: number, address: number): Pool {
  return { address, arena, index, sizeClass: NO_SIZE_CLASS, count: 0, freeList: [], nextUnused: 0 };
}

/** Address of block k of a pool. */
export function blockAddress(pool: Pool, k: number): number {
  return pool.address + POOL_OVERHEAD + k * blockSizeOfClass(pool.sizeClass);
}

/** Set up the pool for class idx as if it had never held a block. */
export function initPool(pool: Pool, sizeClass: number): void {
  pool.sizeClass = sizeClass;
  pool.freeList = [];
  pool.nextUnused = 0;
}

/** True when every block of the pool is allocated. */
export function isFull(geometry: AllocatorGeometry, pool: Pool): boolean {
  return pool.count === blocksInPool(geometry, pool);
}

/** Hand out one block of a pool that is not full. */
export function takeBlock(geometry: AllocatorGeometry, pool: Pool): number {
  if (isFull(geometry, pool)) {
    throw new Error(`internal: takeBlock on the full pool at 0x${pool.address.toString(16)}`);
  }
  pool.count++;
  const freed = pool.freeList.pop();
  if (freed !== undefined) return freed;
  const address = blockAddress(pool, pool.nextUnused);
  pool.nextUnused++;
  return address;
}

/** Put a block back on the head of its pool's free list. */
export function returnBlock(pool: Pool, address: number): void {
  pool.freeList.push(address);
  pool.count--;
}
