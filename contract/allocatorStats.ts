/*
 * The allocator's statistics report — sys._debugmallocstats()'s numbers, arenas and usable order as
 * plain JSON data — is what the model (model/allocator/stats.ts) and the implementation
 * (impl/pymalloc/stats.ts) must agree on after every allocator call. Both give it in this shape, and
 * the lockstep runner compares it. The two build it differently (the model walks its objects, the
 * implementation reads its counters), so the shape is fixed here, with its layout as figures.
 *
 * Figures: the report as a flat list of numbers, in the order its JSON lists its fields. Comparing two
 * such lists is comparing the two reports' JSON, without building either report on every checked step:
 * the implementation writes its figures directly (statsFigures), the model's report is encoded
 * (encodeStats), and decodeStats turns figures back into the report.
 *
 *   header          HEADER_FIELDS numbers; its last is the number n of size-class records
 *   size classes    n records of SIZE_CLASS_FIELDS numbers (only classes with pools in use, ascending)
 *   arena counters  ARENA_COUNTER_FIELDS numbers
 *   arenas          m, then m records of ARENA_FIELDS numbers (mapped arenas by address)
 *   usable arenas   k, then k arena addresses (usable_arenas, head first)
 *   summary         SUMMARY_FIELDS numbers
 *
 * A field's constant is its offset from the start of its section or record. Each section's records
 * are written and read in ascending offset order, so a list refilled in place never has holes.
 * A writer in another module copies these offsets into module-local constants (`const { … } = …`):
 * V8 folds a module's own constants into the code that uses them, while an imported binding is loaded,
 * and checked for initialization, at every use.
 */

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

// The header.
export const POOL_SIZE = 0;
export const ARENA_SIZE = 1;
export const SIZE_CLASS_COUNT = 2;
export const HEADER_FIELDS = 3;

// A size class's record.
export const CLASS_INDEX = 0;
export const CLASS_BLOCK_SIZE = 1;
/** Pools in use (used + full). */
export const CLASS_POOLS = 2;
export const CLASS_USED_POOLS = 3;
export const CLASS_FULL_POOLS = 4;
export const CLASS_BLOCKS_IN_USE = 5;
export const CLASS_AVAILABLE_BLOCKS = 6;
export const SIZE_CLASS_FIELDS = 7;

// The arena counters.
export const ARENAS_ALLOCATED_TOTAL = 0;
export const ARENAS_RECLAIMED = 1;
export const ARENAS_HIGHWATER = 2;
export const ARENAS_CURRENT = 3;
export const ARENA_COUNTER_FIELDS = 4;

// An arena's record.
export const ARENA_ADDRESS = 0;
export const ARENA_TOTAL_POOLS = 1;
/** nfreepools: emptied + never-carved. */
export const ARENA_FREE_POOLS = 2;
export const ARENA_EMPTY_POOLS = 3;
export const ARENA_CARVED_POOLS = 4;
export const ARENA_FIELDS = 5;

// The summary.
export const POOLS_IN_USE = 0;
export const EMPTY_POOLS = 1;
export const UNUSED_POOLS = 2;
export const BLOCKS_IN_USE = 3;
export const RAW_BLOCKS = 4;
export const RAW_BYTES = 5;
export const ALLOCATED_BLOCKS = 6;
export const BYTES_IN_ALLOCATED_BLOCKS = 7;
export const BYTES_IN_AVAILABLE_BLOCKS = 8;
export const BYTES_IN_UNUSED_POOLS = 9;
export const BYTES_LOST_TO_POOL_HEADERS = 10;
export const BYTES_LOST_TO_QUANTIZATION = 11;
export const BYTES_LOST_TO_ARENA_ALIGNMENT = 12;
/** The sum of the six byte counts before it; equals arenasCurrent × arenaSize. */
export const TOTAL_BYTES = 13;
export const SUMMARY_FIELDS = 14;

/** A report as figures (`out` is refilled in place and returned). */
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

/** The report of figures: one literal, keys in the order of AllocatorStats (compared as JSON). */
export function decodeStats(f: number[]): AllocatorStats {
  let at = HEADER_FIELDS;
  const sizeClasses: SizeClassStats[] = [];
  for (let n = f[SIZE_CLASS_COUNT]; n > 0; n--, at += SIZE_CLASS_FIELDS) {
    sizeClasses.push({
      sizeClass: f[at + CLASS_INDEX], blockSize: f[at + CLASS_BLOCK_SIZE], pools: f[at + CLASS_POOLS],
      usedPools: f[at + CLASS_USED_POOLS], fullPools: f[at + CLASS_FULL_POOLS], blocksInUse: f[at + CLASS_BLOCKS_IN_USE],
      availableBlocks: f[at + CLASS_AVAILABLE_BLOCKS],
    });
  }
  const counters = at;
  at += ARENA_COUNTER_FIELDS;
  const arenaList: ArenaStats[] = [];
  for (let n = f[at++]; n > 0; n--, at += ARENA_FIELDS) {
    arenaList.push({
      address: f[at + ARENA_ADDRESS], totalPools: f[at + ARENA_TOTAL_POOLS], freePools: f[at + ARENA_FREE_POOLS],
      emptyPools: f[at + ARENA_EMPTY_POOLS], carvedPools: f[at + ARENA_CARVED_POOLS],
    });
  }
  const usableArenas: number[] = [];
  for (let n = f[at++]; n > 0; n--) usableArenas.push(f[at++]);
  const summary = at;
  return {
    poolSize: f[POOL_SIZE],
    arenaSize: f[ARENA_SIZE],
    sizeClasses,
    arenasAllocatedTotal: f[counters + ARENAS_ALLOCATED_TOTAL],
    arenasReclaimed: f[counters + ARENAS_RECLAIMED],
    arenasHighwater: f[counters + ARENAS_HIGHWATER],
    arenasCurrent: f[counters + ARENAS_CURRENT],
    arenas: arenaList,
    usableArenas,
    poolsInUse: f[summary + POOLS_IN_USE],
    emptyPools: f[summary + EMPTY_POOLS],
    unusedPools: f[summary + UNUSED_POOLS],
    blocksInUse: f[summary + BLOCKS_IN_USE],
    rawBlocks: f[summary + RAW_BLOCKS],
    rawBytes: f[summary + RAW_BYTES],
    allocatedBlocks: f[summary + ALLOCATED_BLOCKS],
    bytesInAllocatedBlocks: f[summary + BYTES_IN_ALLOCATED_BLOCKS],
    bytesInAvailableBlocks: f[summary + BYTES_IN_AVAILABLE_BLOCKS],
    bytesInUnusedPools: f[summary + BYTES_IN_UNUSED_POOLS],
    bytesLostToPoolHeaders: f[summary + BYTES_LOST_TO_POOL_HEADERS],
    bytesLostToQuantization: f[summary + BYTES_LOST_TO_QUANTIZATION],
    bytesLostToArenaAlignment: f[summary + BYTES_LOST_TO_ARENA_ALIGNMENT],
    totalBytes: f[summary + TOTAL_BYTES],
  };
}
