/*
 * stats(): a sys._debugmallocstats()-shaped report (obmalloc.c:_PyObject_DebugMallocStats,
 * docs/cpython-3.11.md#debugmallocstats), as plain JSON data. The field names and meanings are those of
 * the naive model's AllocatorStats (model/allocator/stats.ts), so the two can be compared with one deep
 * equality.
 *
 *   pools in use       carved pools with count > 0 (used + full); empty pools are not in use.
 *   available blocks   NUMBLOCKS − count per pool in use (never-used blocks count as available).
 *   unused pools       Σ nfreepools over arenas: emptied + never-carved pools.
 *   bytes              allocated + available + unused pools × P + 48 × pools in use + quantization
 *                      + arena alignment (always 0 here) = arenas × A.
 *   allocatedBlocks    sys.getallocatedblocks() = blocks in use + raw_allocated_blocks.
 *
 * The per-class numbers come from counters kept by the transitions (pools.ts), the arena list from a
 * walk over the mapped slots: O(32 + arenas), never on the hot path.
 */
import { NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, classSize } from './geometry.js';
import { ARENA_REGION_BASE } from './addressSpace.js';
import { FIRST_POOL } from './pools.js';
import type { Pymalloc } from './pymalloc.js';
import * as report from '../../contract/allocatorStats.js';
import { type AllocatorStats, decodeStats } from '../../contract/allocatorStats.js';

// Local copies of the figures' offsets, which V8 folds into the code (contract/allocatorStats.ts).
const {
  ALLOCATED_BLOCKS, ARENAS_ALLOCATED_TOTAL, ARENAS_CURRENT, ARENAS_HIGHWATER, ARENAS_RECLAIMED, ARENA_ADDRESS,
  ARENA_CARVED_POOLS, ARENA_COUNTER_FIELDS, ARENA_EMPTY_POOLS, ARENA_FIELDS, ARENA_FREE_POOLS, ARENA_SIZE,
  ARENA_TOTAL_POOLS, BLOCKS_IN_USE, BYTES_IN_ALLOCATED_BLOCKS, BYTES_IN_AVAILABLE_BLOCKS, BYTES_IN_UNUSED_POOLS,
  BYTES_LOST_TO_ARENA_ALIGNMENT, BYTES_LOST_TO_POOL_HEADERS, BYTES_LOST_TO_QUANTIZATION, CLASS_AVAILABLE_BLOCKS,
  CLASS_BLOCKS_IN_USE, CLASS_BLOCK_SIZE, CLASS_FULL_POOLS, CLASS_INDEX, CLASS_POOLS, CLASS_USED_POOLS, EMPTY_POOLS,
  HEADER_FIELDS, POOLS_IN_USE, POOL_SIZE, RAW_BLOCKS, RAW_BYTES, SIZE_CLASS_COUNT, SIZE_CLASS_FIELDS, SUMMARY_FIELDS,
  TOTAL_BYTES, UNUSED_POOLS,
} = report;

/** The model's report, in the same shape (contract/allocatorStats.ts). */
export type PymallocStats = AllocatorStats;
export type { ArenaStats, SizeClassStats } from '../../contract/allocatorStats.js';

/**
 * The report as figures (contract/allocatorStats.ts; `out` is refilled in place and returned), read off
 * the counters without building the report: the lockstep runner compares them with the model's report
 * encoded (encodeStats), and `computeStats` decodes them (test/impl/pymalloc/differential.test.ts checks
 * both the JSON and the figures agree).
 */
export function statsFigures(pm: Pymalloc, out: number[]): number[] {
  const { poolSize, arenaSize, numBlocks, poolsPerArena } = pm.geometry;
  const { pools, arenas, slots } = pm;
  // Written in place, in ascending positions (a list emptied by `length = 0` would lose its storage and grow again).
  out[POOL_SIZE] = poolSize;
  out[ARENA_SIZE] = arenaSize;
  out[SIZE_CLASS_COUNT] = 0;
  let at = HEADER_FIELDS;
  let poolsInUse = 0;
  let blocksInUse = 0;
  let allocatedBytes = 0;
  let availableBytes = 0;
  let quantization = 0;
  for (let idx = 0; idx < NB_SMALL_SIZE_CLASSES; idx++) {
    const classPools = pools.classPools[idx];
    if (classPools === 0) continue;
    const size = classSize(idx);
    const blocks = pools.classBlocks[idx];
    const available = classPools * numBlocks[idx] - blocks;
    out[at + CLASS_INDEX] = idx;
    out[at + CLASS_BLOCK_SIZE] = size;
    out[at + CLASS_POOLS] = classPools;
    out[at + CLASS_USED_POOLS] = classPools - pools.classFull[idx];
    out[at + CLASS_FULL_POOLS] = pools.classFull[idx];
    out[at + CLASS_BLOCKS_IN_USE] = blocks;
    out[at + CLASS_AVAILABLE_BLOCKS] = available;
    at += SIZE_CLASS_FIELDS;
    out[SIZE_CLASS_COUNT]++;
    poolsInUse += classPools;
    blocksInUse += blocks;
    allocatedBytes += blocks * size;
    availableBytes += available * size;
    quantization += classPools * ((poolSize - POOL_OVERHEAD) % size);
  }
  out[at + ARENAS_ALLOCATED_TOTAL] = arenas.ntimesArenaAllocated;
  out[at + ARENAS_RECLAIMED] = arenas.ntimesArenaAllocated - arenas.narenasCurrentlyAllocated;
  out[at + ARENAS_HIGHWATER] = arenas.narenasHighwater;
  out[at + ARENAS_CURRENT] = arenas.narenasCurrentlyAllocated;
  at += ARENA_COUNTER_FIELDS;
  const arenaCount = at++;
  out[arenaCount] = 0;
  let emptyPools = 0;
  for (let slot = 0; slot < slots.slotsEverMapped; slot++) {
    const a = slots.slotToArena[slot];
    if (a < 0) continue;
    const carved = arenas.poolAddress[a] - (FIRST_POOL + slot * poolsPerArena);
    const empty = arenas.nfreepools[a] - (arenas.ntotalpools[a] - carved);
    emptyPools += empty;
    out[at + ARENA_ADDRESS] = ARENA_REGION_BASE + slot * arenaSize;
    out[at + ARENA_TOTAL_POOLS] = arenas.ntotalpools[a];
    out[at + ARENA_FREE_POOLS] = arenas.nfreepools[a];
    out[at + ARENA_EMPTY_POOLS] = empty;
    out[at + ARENA_CARVED_POOLS] = carved;
    at += ARENA_FIELDS;
    out[arenaCount]++;
  }
  const usableCount = at++;
  out[usableCount] = 0;
  for (let a = arenas.usableArenas; a >= 0 && out[usableCount] <= arenas.maxarenas; a = arenas.nextarena[a]) {
    out[at++] = ARENA_REGION_BASE + arenas.slot[a] * arenaSize;
    out[usableCount]++;
  }
  const unusedPools = arenas.unusedPools;
  const rawBlocks = pm.raw.count;
  const bytesInUnusedPools = unusedPools * poolSize;
  const bytesLostToPoolHeaders = poolsInUse * POOL_OVERHEAD;
  out[at + POOLS_IN_USE] = poolsInUse;
  out[at + EMPTY_POOLS] = emptyPools;
  out[at + UNUSED_POOLS] = unusedPools;
  out[at + BLOCKS_IN_USE] = blocksInUse;
  out[at + RAW_BLOCKS] = rawBlocks;
  out[at + RAW_BYTES] = pm.raw.bytes;
  out[at + ALLOCATED_BLOCKS] = blocksInUse + rawBlocks;
  out[at + BYTES_IN_ALLOCATED_BLOCKS] = allocatedBytes;
  out[at + BYTES_IN_AVAILABLE_BLOCKS] = availableBytes;
  out[at + BYTES_IN_UNUSED_POOLS] = bytesInUnusedPools;
  out[at + BYTES_LOST_TO_POOL_HEADERS] = bytesLostToPoolHeaders;
  out[at + BYTES_LOST_TO_QUANTIZATION] = quantization;
  out[at + BYTES_LOST_TO_ARENA_ALIGNMENT] = 0;
  out[at + TOTAL_BYTES] = allocatedBytes + availableBytes + bytesInUnusedPools + bytesLostToPoolHeaders + quantization + 0;
  at += SUMMARY_FIELDS;
  if (out.length > at) out.length = at;
  return out;
}

export function computeStats(pm: Pymalloc): PymallocStats {
  return decodeStats(statsFigures(pm, []));
}
