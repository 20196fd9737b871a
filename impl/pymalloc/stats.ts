/*
 * stats(): a sys._debugmallocstats()-shaped report (obmalloc.c:_PyObject_DebugMallocStats,
 * reference §4.7), as plain JSON data. The field names and meanings are those of the naive model's
 * AllocatorStats (model/allocator/stats.ts), so the two can be compared with one deep equality.
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

export interface SizeClassStats {
  sizeClass: number;
  blockSize: number;
  /** Pools in use (used + full). */
  pools: number;
  usedPools: number;
  fullPools: number;
  blocksInUse: number;
  availableBlocks: number;
}

export interface ArenaStats {
  address: number;
  totalPools: number;
  /** nfreepools: emptied + never-carved. */
  freePools: number;
  emptyPools: number;
  carvedPools: number;
}

export interface PymallocStats {
  poolSize: number;
  arenaSize: number;
  /** Only the classes with pools in use, ascending. */
  sizeClasses: SizeClassStats[];
  arenasAllocatedTotal: number;
  arenasReclaimed: number;
  arenasHighwater: number;
  arenasCurrent: number;
  /** Mapped arenas by address. */
  arenas: ArenaStats[];
  /** Addresses of usable_arenas, head first. */
  usableArenas: number[];
  poolsInUse: number;
  emptyPools: number;
  unusedPools: number;
  blocksInUse: number;
  rawBlocks: number;
  rawBytes: number;
  allocatedBlocks: number;
  bytesInAllocatedBlocks: number;
  bytesInAvailableBlocks: number;
  bytesInUnusedPools: number;
  bytesLostToPoolHeaders: number;
  bytesLostToQuantization: number;
  bytesLostToArenaAlignment: number;
  /** The sum of the six byte counts above; equals arenasCurrent × arenaSize. */
  totalBytes: number;
}

export function computeStats(pm: Pymalloc): PymallocStats {
  const { poolSize, arenaSize, numBlocks, poolsPerArena } = pm.geometry;
  const { pools, arenas, slots } = pm;

  const sizeClasses: SizeClassStats[] = [];
  let poolsInUse = 0;
  let blocksInUse = 0;
  let allocatedBytes = 0;
  let availableBytes = 0;
  let quantization = 0;
  for (let idx = 0; idx < NB_SMALL_SIZE_CLASSES; idx++) {
    const n = pools.classPools[idx];
    if (n === 0) continue;
    const size = classSize(idx);
    const blocks = pools.classBlocks[idx];
    const available = n * numBlocks[idx] - blocks;
    sizeClasses.push({
      sizeClass: idx,
      blockSize: size,
      pools: n,
      usedPools: n - pools.classFull[idx],
      fullPools: pools.classFull[idx],
      blocksInUse: blocks,
      availableBlocks: available,
    });
    poolsInUse += n;
    blocksInUse += blocks;
    allocatedBytes += blocks * size;
    availableBytes += available * size;
    quantization += n * ((poolSize - POOL_OVERHEAD) % size);
  }

  const arenaList: ArenaStats[] = [];
  let emptyPools = 0;
  for (let slot = 0; slot < slots.slotsEverMapped; slot++) {
    const a = slots.slotToArena[slot];
    if (a < 0) continue;
    const carved = arenas.poolAddress[a] - (FIRST_POOL + slot * poolsPerArena);
    const empty = arenas.nfreepools[a] - (arenas.ntotalpools[a] - carved);
    emptyPools += empty;
    arenaList.push({
      address: ARENA_REGION_BASE + slot * arenaSize,
      totalPools: arenas.ntotalpools[a],
      freePools: arenas.nfreepools[a],
      emptyPools: empty,
      carvedPools: carved,
    });
  }
  const usableArenas: number[] = [];
  for (let a = arenas.usableArenas; a >= 0 && usableArenas.length <= arenas.maxarenas; a = arenas.nextarena[a]) {
    usableArenas.push(ARENA_REGION_BASE + arenas.slot[a] * arenaSize);
  }

  const unusedPools = arenas.unusedPools;
  const rawBlocks = pm.raw.count;
  const bytesInUnusedPools = unusedPools * poolSize;
  const bytesLostToPoolHeaders = poolsInUse * POOL_OVERHEAD;
  // One literal, keys in the model's order (the two reports are compared as JSON); no spread.
  return {
    poolSize,
    arenaSize,
    sizeClasses,
    arenasAllocatedTotal: arenas.ntimesArenaAllocated,
    arenasReclaimed: arenas.ntimesArenaAllocated - arenas.narenasCurrentlyAllocated,
    arenasHighwater: arenas.narenasHighwater,
    arenasCurrent: arenas.narenasCurrentlyAllocated,
    arenas: arenaList,
    usableArenas,
    poolsInUse,
    emptyPools,
    unusedPools,
    blocksInUse,
    rawBlocks,
    rawBytes: pm.raw.bytes,
    allocatedBlocks: blocksInUse + rawBlocks,
    bytesInAllocatedBlocks: allocatedBytes,
    bytesInAvailableBlocks: availableBytes,
    bytesInUnusedPools,
    bytesLostToPoolHeaders,
    bytesLostToQuantization: quantization,
    bytesLostToArenaAlignment: 0,
    totalBytes: allocatedBytes + availableBytes + bytesInUnusedPools + bytesLostToPoolHeaders + quantization + 0,
  };
}
