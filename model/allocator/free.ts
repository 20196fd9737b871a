/*
 * free (obmalloc.c: _PyObject_Free → pymalloc_free → insert_to_usedpool / insert_to_freepool;
 * docs/cpython-3.11.md#free-path).
 *
 * Policy, for a live block p:
 *   1. A raw block goes back to the system; raw_allocated_blocks −= 1.
 *   2. Otherwise p is pushed on the head of its pool's free list (LIFO) and the pool's count drops.
 *   3. A pool that was FULL becomes used and goes to the FRONT of usedPools[idx], so the next
 *      allocation of that class returns p.
 *   4. A pool whose count reached 0 becomes empty: it leaves usedPools and goes to the head of its
 *      arena's freePools; the arena is then re-placed or released (arenas.ts).
 *   5. Otherwise nothing else changes.
 *
 * Decision beyond CPython (docs/cpython-3.11.md#where-pymem-departs) — a one-block pool (see
 * allocate.ts) is full and reaches count 0 in the same free. CPython tests "was full" first and would
 * put a pool with count 0 on usedpools (insert_to_usedpool asserts count > 0, so CPython never meant
 * this to happen). Here the count-0 rule wins: the pool becomes empty (step 4), as every other pool
 * whose last block is freed does. For pools of two or more blocks "was full" and "count reached 0" never
 * coincide, so the order of the two tests does not matter.
 */
import type { AllocatorState, Pool } from './state.js';
import { returnBlock, isFull } from './pools.js';
import { returnPoolToArena } from './arenas.js';
import { liveBlockOrThrow } from './errors.js';

export function free(state: AllocatorState, address: number): void {
  if (address === 0) return;
  const block = liveBlockOrThrow(state, 'free', address);
  state.live.delete(address);
  state.freedAddresses.add(address);
  if (block.kind === 'raw') {
    state.counters.rawAllocatedBlocks--;
    return;
  }
  const pool = block.pool;
  const wasFull = isFull(state.geometry, pool);
  returnBlock(pool, address);
  if (pool.count === 0) {
    becomeEmpty(state, pool, wasFull);
  } else if (wasFull) {
    state.usedPools[pool.sizeClass].unshift(pool);
  }
}

/** A pool with no allocated block leaves usedPools (if on it) and returns to its arena. */
function becomeEmpty(state: AllocatorState, pool: Pool, wasFull: boolean): void {
  if (!wasFull) {
    const used = state.usedPools[pool.sizeClass];
    const i = used.indexOf(pool);
    if (i === -1) throw new Error(`internal: used pool at 0x${pool.address.toString(16)} not on usedPools`);
    used.splice(i, 1);
  }
  returnPoolToArena(state, pool);
}
