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

/**
 * The report as numbers, in the order its JSON lists them (`out` is cleared and returned):
 *   poolSize, arenaSize, n, n × (sizeClass, blockSize, pools, usedPools, fullPools, blocksInUse, availableBlocks),
 *   arenasAllocatedTotal, arenasReclaimed, arenasHighwater, arenasCurrent,
 *   m, m × (address, totalPools, freePools, emptyPools, carvedPools), k, k × usable arena address,
 *   poolsInUse, emptyPools, unusedPools, blocksInUse, rawBlocks, rawBytes, allocatedBlocks,
 *   the six byte counts, totalBytes.
 * `computeStats` is these numbers as an object (statsOfFigures, keys in the model's order), so a model
 * report with the same numbers in this layout (model/allocator/stats.ts encodeStats) has the same JSON:
 * the lockstep runner compares the numbers, without building this report
 * (test/impl/pymalloc/differential.test.ts checks both the JSON and the numbers agree).
 */
export function statsFigures(pm: Pymalloc, out: number[]): number[] {
  const { poolSize, arenaSize, numBlocks, poolsPerArena } = pm.geometry;
  const { pools, arenas, slots } = pm;
  // Written in place (a list emptied by `length = 0` would lose its storage and grow again).
  let n = 0;
  const put = (v: number): void => {
    out[n++] = v;
  };
  put(poolSize);
  put(arenaSize);
  put(0);
  let classes = 0;
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
    put(idx);
    put(size);
    put(classPools);
    put(classPools - pools.classFull[idx]);
    put(pools.classFull[idx]);
    put(blocks);
    put(available);
    classes++;
    poolsInUse += classPools;
    blocksInUse += blocks;
    allocatedBytes += blocks * size;
    availableBytes += available * size;
    quantization += classPools * ((poolSize - POOL_OVERHEAD) % size);
  }
  out[2] = classes;
  put(arenas.ntimesArenaAllocated);
  put(arenas.ntimesArenaAllocated - arenas.narenasCurrentlyAllocated);
  put(arenas.narenasHighwater);
  put(arenas.narenasCurrentlyAllocated);
  const arenaCount = n;
  put(0);
  let emptyPools = 0;
  for (let slot = 0; slot < slots.slotsEverMapped; slot++) {
    const a = slots.slotToArena[slot];
    if (a < 0) continue;
    const carved = arenas.poolAddress[a] - (FIRST_POOL + slot * poolsPerArena);
    const empty = arenas.nfreepools[a] - (arenas.ntotalpools[a] - carved);
    emptyPools += empty;
    put(ARENA_REGION_BASE + slot * arenaSize);
    put(arenas.ntotalpools[a]);
    put(arenas.nfreepools[a]);
    put(empty);
    put(carved);
    out[arenaCount]++;
  }
  const usableCount = n;
  put(0);
  for (let a = arenas.usableArenas; a >= 0 && out[usableCount] <= arenas.maxarenas; a = arenas.nextarena[a]) {
    put(ARENA_REGION_BASE + arenas.slot[a] * arenaSize);
    out[usableCount]++;
  }
  const unusedPools = arenas.unusedPools;
  const rawBlocks = pm.raw.count;
  const bytesInUnusedPools = unusedPools * poolSize;
  const bytesLostToPoolHeaders = poolsInUse * POOL_OVERHEAD;
  put(poolsInUse);
  put(emptyPools);
  put(unusedPools);
  put(blocksInUse);
  put(rawBlocks);
  put(pm.raw.bytes);
  put(blocksInUse + rawBlocks);
  put(allocatedBytes);
  put(availableBytes);
  put(bytesInUnusedPools);
  put(bytesLostToPoolHeaders);
  put(quantization);
  put(0);
  put(allocatedBytes + availableBytes + bytesInUnusedPools + bytesLostToPoolHeaders + quantization + 0);
  if (out.length > n) out.length = n;
  return out;
}

export function computeStats(pm: Pymalloc): PymallocStats {
  return statsOfFigures(statsFigures(pm, []));
}

/** The report of `statsFigures`'s numbers: one literal, keys in the model's order (compared as JSON). */
function statsOfFigures(f: number[]): PymallocStats {
  let i = 2;
  const sizeClasses: SizeClassStats[] = [];
  for (let n = f[i++]; n > 0; n--, i += 7) {
    sizeClasses.push({
      sizeClass: f[i], blockSize: f[i + 1], pools: f[i + 2], usedPools: f[i + 3], fullPools: f[i + 4],
      blocksInUse: f[i + 5], availableBlocks: f[i + 6],
    });
  }
  const counters = i;
  i += 4;
  const arenaList: ArenaStats[] = [];
  for (let n = f[i++]; n > 0; n--, i += 5) {
    arenaList.push({ address: f[i], totalPools: f[i + 1], freePools: f[i + 2], emptyPools: f[i + 3], carvedPools: f[i + 4] });
  }
  const usableArenas: number[] = [];
  for (let n = f[i++]; n > 0; n--) usableArenas.push(f[i++]);
  return {
    poolSize: f[0],
    arenaSize: f[1],
    sizeClasses,
    arenasAllocatedTotal: f[counters],
    arenasReclaimed: f[counters + 1],
    arenasHighwater: f[counters + 2],
    arenasCurrent: f[counters + 3],
    arenas: arenaList,
    usableArenas,
    poolsInUse: f[i],
    emptyPools: f[i + 1],
    unusedPools: f[i + 2],
    blocksInUse: f[i + 3],
    rawBlocks: f[i + 4],
    rawBytes: f[i + 5],
    allocatedBlocks: f[i + 6],
    bytesInAllocatedBlocks: f[i + 7],
    bytesInAvailableBlocks: f[i + 8],
    bytesInUnusedPools: f[i + 9],
    bytesLostToPoolHeaders: f[i + 10],
    bytesLostToQuantization: f[i + 11],
    bytesLostToArenaAlignment: f[i + 12],
    totalBytes: f[i + 13],
  };
}
