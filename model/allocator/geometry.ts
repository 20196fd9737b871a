/*
 * Geometry: the fixed constants of pymalloc and the sizes derived from the configurable pool and
 * arena size (docs/cpython-3.11.md#pymalloc-constants, docs/language.md#geometry).
 *
 * Fixed (64-bit CPython 3.11):
 *   ALIGNMENT = 16, SMALL_REQUEST_THRESHOLD = 512, 32 size classes, pool header = 48 bytes
 *   (POOL_OVERHEAD; the first block of a pool is at offset 48).
 *   Size class of a request of n bytes (1 ≤ n ≤ 512): idx = (n − 1) >> 4; block size 16·(idx + 1).
 *   0 bytes and more than 512 bytes are not small: they go to the raw (system) allocator.
 *
 * Configurable (`AllocatorGeometry`): pool size P and arena size A. CPython: P = 16 KiB, A = 1 MiB.
 *   Blocks per pool of class idx = (P − 48) // size (obmalloc.c NUMBLOCKS); the rest of the pool is
 *   "quantization" loss. Pools per arena = A / P: simulated arenas are always pool-aligned, so no
 *   pool is lost to arena alignment (CPython loses one when mmap returns an address that is not
 *   16 KiB-aligned; that depends on the OS and is not modelled).
 *
 * Accepted geometries: P and A powers of two with 1024 ≤ P and 2·P ≤ A ≤ 1 GiB.
 *   - P ≥ 1024 gives every class at least one block ((1024 − 48) // 512 = 1).
 *   - A ≥ 2·P: with a one-pool arena, CPython's insert_to_freepool would test the stale
 *     `nextarena` pointer of an arena that had left usable_arenas when it became full (Case 1 is
 *     tested before Case 2); that situation is unreachable with two or more pools per arena.
 *   - Powers of two keep ARENA_REGION_BASE (2^40-aligned) a multiple of A and pools P-aligned.
 */
import type { AllocatorGeometry } from '../../language/ast.js';

export const ALIGNMENT = 16;
export const SMALL_REQUEST_THRESHOLD = 512;
export const NB_SMALL_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD / ALIGNMENT; // 32
export const POOL_OVERHEAD = 48;

export const MIN_POOL_SIZE = 1024;
export const MAX_ARENA_SIZE = 1 << 30;

/** The size class of a request, or null when pymalloc does not serve it (0 or > 512 bytes). */
export function sizeClassOf(n: number): number | null {
  if (n === 0 || n > SMALL_REQUEST_THRESHOLD) return null;
  return Math.floor((n - 1) / ALIGNMENT);
}

/** Block size of size class idx: 16, 32, …, 512. */
export function blockSizeOfClass(idx: number): number {
  return (idx + 1) * ALIGNMENT;
}

/** How many blocks of class idx fit in one pool after its 48-byte header. */
export function blocksPerPool(geometry: AllocatorGeometry, idx: number): number {
  return Math.floor((geometry.poolSize - POOL_OVERHEAD) / blockSizeOfClass(idx));
}

/** Bytes at the end of a pool of class idx too small to hold one more block. */
export function quantizationPerPool(geometry: AllocatorGeometry, idx: number): number {
  return (geometry.poolSize - POOL_OVERHEAD) % blockSizeOfClass(idx);
}

export function poolsPerArena(geometry: AllocatorGeometry): number {
  return geometry.arenaSize / geometry.poolSize;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** Why a geometry is not accepted, or null when it is fine. */
export function geometryProblem(geometry: AllocatorGeometry): string | null {
  const { poolSize: p, arenaSize: a } = geometry;
  if (!isPowerOfTwo(p) || p < MIN_POOL_SIZE) {
    return `pool size must be a power of two ≥ ${MIN_POOL_SIZE}, got ${p}`;
  }
  if (!isPowerOfTwo(a) || a > MAX_ARENA_SIZE) {
    return `arena size must be a power of two ≤ ${MAX_ARENA_SIZE}, got ${a}`;
  }
  if (a < 2 * p) {
    return `arena size must hold at least 2 pools, got arena ${a} with pool ${p}`;
  }
  return null;
}

/** Round a size up to a multiple of 16, at least 16 (the capacity of a raw block). */
export function roundUpToAlignment(n: number): number {
  return Math.max(ALIGNMENT, Math.ceil(n / ALIGNMENT) * ALIGNMENT);
}

/** An address as 0x-prefixed hex, for messages. */
export function hex(address: number): string {
  return '0x' + address.toString(16);
}
