/*
 * malloc (obmalloc.c: _PyObject_Malloc → pymalloc_alloc → allocate_from_new_pool;
 * docs/cpython-3.11.md#allocation-path).
 *
 * Policy, for a request of n bytes:
 *   1. n = 0 or n > 512: not pymalloc's. A raw (system) block; raw_allocated_blocks += 1.
 *   2. idx = (n − 1) >> 4. If usedPools[idx] has a pool, take a block from its FRONT pool
 *      (free-list head, else the next never-used block). A pool that is now full leaves usedPools.
 *   3. Otherwise take a pool from the arenas (see arenas.ts) and make it the only pool of
 *      usedPools[idx]. If it last served class idx it keeps its free list and never-used range, so
 *      the block handed out is the one freed last; otherwise it is re-initialised and hands out the
 *      block at offset 48. Then as in 2: a pool that is now full leaves usedPools.
 *
 * Decision beyond CPython (docs/cpython-3.11.md#where-pymem-departs) — pools with ONE block (size 496 or
 * 512 with 1 KiB pools; never at CPython's 16 KiB, where every class has ≥ 31 blocks): CPython's
 * re-initialisation unconditionally threads the block at offset 48 + size onto the free list, which for
 * a one-block pool lies past the pool's end (CPython would later hand it out, overlapping the next
 * pool). Here such a pool is full as soon as its block is taken and leaves usedPools at once, exactly
 * like any pool whose last block was taken; see free.ts for its free.
 */
import type { AllocatorState } from './state.js';
import { sizeClassOf } from './geometry.js';
import { rawAllocate } from './addressSpace.js';
import { initPool, isFull, takeBlock } from './pools.js';
import { takePoolFromArenas } from './arenas.js';
import { checkRequestSize } from './errors.js';

export function malloc(state: AllocatorState, n: number): number {
  checkRequestSize('malloc', n);
  const idx = sizeClassOf(n);
  if (idx === null) return rawMalloc(state, n);
  return pymallocAlloc(state, idx);
}

/** The system allocator's block, counted in raw_allocated_blocks. */
export function rawMalloc(state: AllocatorState, n: number): number {
  const raw = rawAllocate(state, n);
  state.counters.rawAllocatedBlocks++;
  state.live.set(raw.address, { kind: 'raw', address: raw.address, raw });
  state.freedAddresses.delete(raw.address);
  return raw.address;
}

function pymallocAlloc(state: AllocatorState, idx: number): number {
  const used = state.usedPools[idx];
  if (used.length === 0) {
    const pool = takePoolFromArenas(state);
    if (pool.sizeClass !== idx) initPool(pool, idx);
    used.push(pool);
  }
  const pool = used[0];
  const address = takeBlock(state.geometry, pool);
  if (isFull(state.geometry, pool)) used.shift();
  state.live.set(address, { kind: 'pool', address, pool });
  state.freedAddresses.delete(address);
  return address;
}
