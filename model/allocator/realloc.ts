/*
 * realloc (obmalloc.c: _PyObject_Realloc → pymalloc_realloc, else PyMem_RawRealloc;
 * docs/cpython-3.11.md#realloc).
 *
 * Policy, for realloc(p, n):
 *   1. p = NULL (0): malloc(n).
 *   2. p is a raw block: the system's realloc (addressSpace.ts: same address when n fits its
 *      capacity, else a new raw block). It stays raw even when n ≤ 512, and raw_allocated_blocks
 *      does not change (CPython counts raw blocks only in _PyObject_Malloc / _PyObject_Free).
 *   3. p is a pymalloc block of size S:
 *        n ≤ S and 4n > 3S   → p itself (same size or shrinking by less than 25 %);
 *        otherwise           → q = malloc(n) FIRST, then free(p), return q.
 *      The order matters: allocating first means q can never be p or come from p's pool after
 *      that pool emptied; e.g. the only block of a pool reallocated to another class gets a new
 *      pool and the old pool becomes empty afterwards. n = 0 lands in a raw block (malloc(0) is
 *      raw), and shrinking a 16-, 32- or 48-byte block past the 25 % rule can move it within the
 *      same class (realloc of a 16-byte block to 12 bytes moves it to another 16-byte block).
 */
import type { AllocatorState } from './state.js';
import { blockSizeOfClass } from './geometry.js';
import { rawReallocate } from './addressSpace.js';
import { malloc } from './allocate.js';
import { free } from './free.js';
import { checkRequestSize, liveBlockOrThrow } from './errors.js';

export function realloc(state: AllocatorState, address: number, n: number): number {
  checkRequestSize('realloc', n);
  if (address === 0) return malloc(state, n);
  const block = liveBlockOrThrow(state, 'realloc', address);

  if (block.kind === 'raw') {
    const moved = rawReallocate(state, block.raw, n);
    if (moved !== block.raw) {
      state.live.delete(address);
      state.freedAddresses.add(address);
      state.live.set(moved.address, { kind: 'raw', address: moved.address, raw: moved });
    }
    return moved.address;
  }

  const size = blockSizeOfClass(block.pool.sizeClass);
  if (n <= size && 4 * n > 3 * size) return address;
  const fresh = malloc(state, n);
  free(state, address);
  return fresh;
}
