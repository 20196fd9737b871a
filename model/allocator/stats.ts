/*
 * Statistics, computed afresh from the state by walking every arena and every carved pool, as
 * obmalloc.c:_PyObject_DebugMallocStats does (reference §4.7). Plain JSON data, for snapshots
 * (SPEC §3 `allocator`) and for a sys._debugmallocstats()-shaped table.
 *
 * Definitions (CPython's):
 *   pools in use       carved pools with count > 0 (used + full); empty pools are not "in use".
 *   blocks in use      sum of count over pools in use.
 *   available blocks   blocksPerPool − count per pool in use; never-used blocks count as available.
 *   unused pools       sum of nfreepools over arenas: emptied pools + never-carved pools.
 *   bytes: allocated = Σ blocks in use × size; available = Σ available × size; unused pools × P;
 *          pool headers = 48 × pools in use; quantization = Σ pools in use × ((P − 48) mod size);
 *          arena alignment = 0 (simulated arenas are aligned). The six add up to arenas × A.
 *   allocatedBlocks    sys.getallocatedblocks(): blocks in use + raw_allocated_blocks.
 *   arenas reclaimed   allocated total − current (counters kept like CPython's).
 *   raw bytes          sum of the capacities of live raw blocks.
 * The size-class table lists only classes with pools in use, ascending, like CPython's.
 */
import type { AllocatorState } from './state.js';
import { nfreepools, poolState } from './state.js';
import { NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD } from './geometry.js';
import { blockSizeOfClass, blocksPerPool, quantizationPerPool } from './geometry.js';
import * as figures from '../../contract/allocatorStatsFigures.js';

// Local copies of the figures' offsets, which V8 folds into the code (contract/allocatorStatsFigures.ts).
const {
  ALLOCATED_BLOCKS, ARENAS_ALLOCATED_TOTAL, ARENAS_CURRENT, ARENAS_HIGHWATER, ARENAS_RECLAIMED, ARENA_ADDRESS,
  ARENA_CARVED_POOLS, ARENA_COUNTER_FIELDS, ARENA_EMPTY_POOLS, ARENA_FIELDS, ARENA_FREE_POOLS, ARENA_SIZE,
  ARENA_TOTAL_POOLS, BLOCKS_IN_USE, BYTES_IN_ALLOCATED_BLOCKS, BYTES_IN_AVAILABLE_BLOCKS, BYTES_IN_UNUSED_POOLS,
  BYTES_LOST_TO_ARENA_ALIGNMENT, BYTES_LOST_TO_POOL_HEADERS, BYTES_LOST_TO_QUANTIZATION, CLASS_AVAILABLE_BLOCKS,
  CLASS_BLOCKS_IN_USE, CLASS_BLOCK_SIZE, CLASS_FULL_POOLS, CLASS_INDEX, CLASS_POOLS, CLASS_USED_POOLS, EMPTY_POOLS,
  HEADER_FIELDS, POOLS_IN_USE, POOL_SIZE, RAW_BLOCKS, RAW_BYTES, SIZE_CLASS_COUNT, SIZE_CLASS_FIELDS, SUMMARY_FIELDS,
  TOTAL_BYTES, UNUSED_POOLS,
} = figures;

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

export interface AllocatorStats {
  poolSize: number;
  arenaSize: number;
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
 * The statistics as numbers, in the layout of contract/allocatorStatsFigures.ts (`out` is refilled in
 * place and returned). The implementation's pymalloc gives its report in this layout too
 * (impl/pymalloc/stats.ts statsFigures): the lockstep runner compares the numbers instead of the two
 * reports' JSON.
 */
export function encodeStats(stats: AllocatorStats, out: number[]): number[] {
  // Written in place, in ascending positions (a list emptied by `length = 0` would lose its storage and grow again).
  out[POOL_SIZE] = stats.poolSize;
  out[ARENA_SIZE] = stats.arenaSize;
  out[SIZE_CLASS_COUNT] = stats.sizeClasses.length;
  let at = HEADER_FIELDS;
  for (const c of stats.sizeClasses) {
    out[at + CLASS_INDEX] = c.sizeClass;
    out[at + CLASS_BLOCK_SIZE] = c.blockSize;
    out[at + CLASS_POOLS] = c.pools;
    out[at + CLASS_USED_POOLS] = c.usedPools;
    out[at + CLASS_FULL_POOLS] = c.fullPools;
    out[at + CLASS_BLOCKS_IN_USE] = c.blocksInUse;
    out[at + CLASS_AVAILABLE_BLOCKS] = c.availableBlocks;
    at += SIZE_CLASS_FIELDS;
  }
  out[at + ARENAS_ALLOCATED_TOTAL] = stats.arenasAllocatedTotal;
  out[at + ARENAS_RECLAIMED] = stats.arenasReclaimed;
  out[at + ARENAS_HIGHWATER] = stats.arenasHighwater;
  out[at + ARENAS_CURRENT] = stats.arenasCurrent;
  at += ARENA_COUNTER_FIELDS;
  out[at++] = stats.arenas.length;
  for (const a of stats.arenas) {
    out[at + ARENA_ADDRESS] = a.address;
    out[at + ARENA_TOTAL_POOLS] = a.totalPools;
    out[at + ARENA_FREE_POOLS] = a.freePools;
    out[at + ARENA_EMPTY_POOLS] = a.emptyPools;
    out[at + ARENA_CARVED_POOLS] = a.carvedPools;
    at += ARENA_FIELDS;
  }
  out[at++] = stats.usableArenas.length;
  for (const address of stats.usableArenas) out[at++] = address;
  out[at + POOLS_IN_USE] = stats.poolsInUse;
  out[at + EMPTY_POOLS] = stats.emptyPools;
  out[at + UNUSED_POOLS] = stats.unusedPools;
  out[at + BLOCKS_IN_USE] = stats.blocksInUse;
  out[at + RAW_BLOCKS] = stats.rawBlocks;
  out[at + RAW_BYTES] = stats.rawBytes;
  out[at + ALLOCATED_BLOCKS] = stats.allocatedBlocks;
  out[at + BYTES_IN_ALLOCATED_BLOCKS] = stats.bytesInAllocatedBlocks;
  out[at + BYTES_IN_AVAILABLE_BLOCKS] = stats.bytesInAvailableBlocks;
  out[at + BYTES_IN_UNUSED_POOLS] = stats.bytesInUnusedPools;
  out[at + BYTES_LOST_TO_POOL_HEADERS] = stats.bytesLostToPoolHeaders;
  out[at + BYTES_LOST_TO_QUANTIZATION] = stats.bytesLostToQuantization;
  out[at + BYTES_LOST_TO_ARENA_ALIGNMENT] = stats.bytesLostToArenaAlignment;
  out[at + TOTAL_BYTES] = stats.totalBytes;
  at += SUMMARY_FIELDS;
  if (out.length > at) out.length = at;
  return out;
}

export function computeStats(state: AllocatorState): AllocatorStats {
  const g = state.geometry;
  // A class's record is made when its first pool in use is met; listed ascending at the end.
  const byClass: Array<SizeClassStats | undefined> = new Array(NB_SMALL_SIZE_CLASSES);
  let arenas = [...state.arenas.values()];
  let ascending = true;
  for (let k = 1; ascending && k < arenas.length; k++) ascending = arenas[k - 1].address < arenas[k].address;
  if (!ascending) arenas = arenas.sort((a, b) => a.address - b.address); // distinct addresses: sorted is sorted
  let emptyPools = 0;
  let unusedPools = 0;
  for (const arena of arenas) {
    unusedPools += nfreepools(arena);
    for (const pool of arena.pools) {
      const s = poolState(g, pool);
      if (s === 'empty') {
        emptyPools++;
        continue;
      }
      const idx = pool.sizeClass;
      const c = (byClass[idx] ??= { sizeClass: idx, blockSize: blockSizeOfClass(idx), pools: 0, usedPools: 0, fullPools: 0, blocksInUse: 0, availableBlocks: 0 });
      c.pools++;
      if (s === 'full') c.fullPools++;
      else c.usedPools++;
      c.blocksInUse += pool.count;
      c.availableBlocks += blocksPerPool(g, idx) - pool.count;
    }
  }
  const inUse: SizeClassStats[] = [];
  for (const c of byClass) if (c !== undefined) inUse.push(c);
  let poolsInUse = 0;
  let blocksInUse = 0;
  let allocatedBytes = 0;
  let availableBytes = 0;
  let quantization = 0;
  for (const c of inUse) {
    poolsInUse += c.pools;
    blocksInUse += c.blocksInUse;
    allocatedBytes += c.blocksInUse * c.blockSize;
    availableBytes += c.availableBlocks * c.blockSize;
    quantization += c.pools * quantizationPerPool(g, c.sizeClass);
  }

  let rawBytes = 0;
  for (const block of state.live.values()) {
    if (block.kind === 'raw') rawBytes += block.raw.capacity;
  }

  const bytesInUnusedPools = unusedPools * g.poolSize;
  const bytesLostToPoolHeaders = poolsInUse * POOL_OVERHEAD;
  const c = state.counters;
  const arenaStats: ArenaStats[] = [];
  for (const a of arenas) {
    arenaStats.push({ address: a.address, totalPools: a.totalPools, freePools: nfreepools(a), emptyPools: a.freePools.length, carvedPools: a.pools.length });
  }
  const usableArenas: number[] = [];
  for (const a of state.usableArenas) usableArenas.push(a.address);
  return {
    poolSize: g.poolSize,
    arenaSize: g.arenaSize,
    sizeClasses: inUse,
    arenasAllocatedTotal: c.arenasAllocatedTotal,
    arenasReclaimed: c.arenasAllocatedTotal - c.arenasCurrent,
    arenasHighwater: c.arenasHighwater,
    arenasCurrent: c.arenasCurrent,
    arenas: arenaStats,
    usableArenas,
    poolsInUse,
    emptyPools,
    unusedPools,
    blocksInUse,
    rawBlocks: c.rawAllocatedBlocks,
    rawBytes,
    allocatedBlocks: blocksInUse + c.rawAllocatedBlocks,
    bytesInAllocatedBlocks: allocatedBytes,
    bytesInAvailableBlocks: availableBytes,
    bytesInUnusedPools,
    bytesLostToPoolHeaders,
    bytesLostToQuantization: quantization,
    bytesLostToArenaAlignment: 0,
    // The six byte counts, summed in the order they are listed.
    totalBytes: allocatedBytes + availableBytes + bytesInUnusedPools + bytesLostToPoolHeaders + quantization + 0,
  };
}
