/*
 * Geometry: pymalloc's fixed constants (64-bit CPython 3.11, obmalloc.c) and the numbers derived
 * from the configurable pool size P and arena size A (docs/language.md#geometry,
 * docs/cpython-3.11.md#pymalloc-constants).
 *
 *   ALIGNMENT 16, SMALL_REQUEST_THRESHOLD 512 → 32 size classes; idx = (n − 1) >> 4,
 *   INDEX2SIZE(idx) = 16·(idx + 1); POOL_OVERHEAD 48 (first block at pool offset 48);
 *   NUMBLOCKS(idx) = (P − 48) // size; pools per arena = A / P (simulated arenas are always
 *   pool-aligned, see addressSpace.ts, so no pool is lost to arena alignment).
 *
 * Accepted geometries: P and A powers of two, 1024 ≤ P, 2·P ≤ A ≤ 1 GiB. Why:
 *   - P ≥ 1024: every class fits at least one block ((1024 − 48) // 512 = 1). CPython itself
 *     assumes ≥ 2 blocks per pool; P = 1024 gives classes 30 and 31 a single block, and pymalloc.ts
 *     documents the one place where that needs a (natural) generalisation.
 *   - A ≥ 2·P: with one pool per arena, insert_to_freepool would test Case 1 on the stale
 *     `nextarena` of an arena that left usable_arenas when it became full.
 *   - powers of two: ARENA_REGION_BASE (a multiple of 2^40) is then a multiple of A, every address
 *     → (slot, pool, offset) split is exact in double arithmetic, and CPython requires it of P.
 */
import type { AllocatorGeometry } from '../../language/ast.js';

export const ALIGNMENT = 16;
export const ALIGNMENT_SHIFT = 4;
export const SMALL_REQUEST_THRESHOLD = 512;
export const NB_SMALL_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD >> ALIGNMENT_SHIFT; // 32
export const POOL_OVERHEAD = 48;
/** szidx of a freshly carved pool: never equal to a real class, so its first use initialises it. */
export const DUMMY_SIZE_IDX = 0xffff;
/** The `arenas` descriptor vector starts with 16 entries and doubles (obmalloc.c). */
export const INITIAL_ARENA_OBJECTS = 16;

export const MIN_POOL_SIZE = 1024;
export const MAX_ARENA_SIZE = 1 << 30;

/** INDEX2SIZE: block size of class idx. */
export function classSize(idx: number): number {
  return (idx + 1) << ALIGNMENT_SHIFT;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** Why a geometry is not accepted, or null when it is. */
export function geometryProblem(g: AllocatorGeometry): string | null {
  const p = g.poolSize;
  const a = g.arenaSize;
  if (!isPowerOfTwo(p) || p < MIN_POOL_SIZE) return `pool size must be a power of two ≥ ${MIN_POOL_SIZE}, got ${p}`;
  if (!isPowerOfTwo(a) || a > MAX_ARENA_SIZE) return `arena size must be a power of two ≤ ${MAX_ARENA_SIZE}, got ${a}`;
  if (a < 2 * p) return `arena size must hold at least 2 pools, got arena ${a} with pool ${p}`;
  return null;
}

/** A validated geometry with everything the hot paths need precomputed. */
export interface Geometry {
  readonly poolSize: number;
  readonly arenaSize: number;
  /** A / P: ntotalpools of every arena. */
  readonly poolsPerArena: number;
  /** log2(A / P). */
  readonly poolsPerArenaShift: number;
  /** P / 16: 16-byte granules per pool (the stride of the free-list link table). */
  readonly granulesPerPool: number;
  /** NUMBLOCKS(idx) for idx in 0..31. */
  readonly numBlocks: Int32Array;
  /** Arena slots the int32 block handles can name: 2^31 granules = 32 GiB of arenas. */
  readonly maxArenaSlots: number;
}

export function resolveGeometry(g: AllocatorGeometry): Geometry {
  const problem = geometryProblem(g);
  if (problem !== null) throw new RangeError(`pymalloc: ${problem}`);
  const numBlocks = new Int32Array(NB_SMALL_SIZE_CLASSES);
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    numBlocks[i] = Math.floor((g.poolSize - POOL_OVERHEAD) / classSize(i));
  }
  const poolsPerArena = g.arenaSize / g.poolSize;
  return Object.freeze({
    poolSize: g.poolSize,
    arenaSize: g.arenaSize,
    poolsPerArena,
    poolsPerArenaShift: Math.round(Math.log2(poolsPerArena)),
    granulesPerPool: g.poolSize >> ALIGNMENT_SHIFT,
    numBlocks,
    maxArenaSlots: 2 ** 35 / g.arenaSize,
  });
}

/** CPython 3.11 on 64-bit: 16 KiB pools, 1 MiB arenas. */
export const DEFAULT_GEOMETRY: AllocatorGeometry = Object.freeze({ poolSize: 16384, arenaSize: 1 << 20 });
