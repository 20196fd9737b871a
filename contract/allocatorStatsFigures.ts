/*
 * The allocator statistics as a flat list of numbers, in the order the report's JSON lists its fields:
 * the layout both the model (model/allocator/stats.ts encodeStats) and the implementation
 * (impl/pymalloc/stats.ts statsFigures) write, so that the lockstep runner compares two reports by
 * comparing numbers, without building either.
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
 *
 * The figures are written at every checked step, so their writers copy these offsets into module-local
 * constants (`const { … } = figures`): V8 folds a module's own constants into the code that uses them,
 * while an imported binding is loaded, and checked for initialization, at every use.
 */

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
