/*
 * Statistics, computed afresh from the state by walking every arena and every carved pool, as
 * obmalloc.c:_PyObject_DebugMallocStats does (docs/cpython-3.11.md#debugmallocstats). Plain JSON data,
 * for snapshots (`allocator`, docs/trace.md#snapshots) and for a sys._debugmallocstats()-shaped table.
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
import type { AllocatorStats, ArenaStats, SizeClassStats } from '../../contract/allocatorStats.js';

// The report's shape is the contract between the model and the implementation.
export type { AllocatorStats, ArenaStats, SizeClassStats };

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
