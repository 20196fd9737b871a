/*
 * The allocator model's public surface: the naive pymalloc (AllocatorModel), its geometry helpers,
 * the simulated address space constants, its statistics and its invariants.
 */
export { AllocatorModel, createAllocatorState } from './model.js';
export {
  ALIGNMENT,
  SMALL_REQUEST_THRESHOLD,
  NB_SMALL_SIZE_CLASSES,
  POOL_OVERHEAD,
  sizeClassOf,
  blockSizeOfClass,
  blocksPerPool,
  poolsPerArena,
  quantizationPerPool,
  geometryProblem,
  hex,
} from './geometry.js';
export { ARENA_REGION_BASE, RAW_REGION_BASE, rawCapacity } from './addressSpace.js';
export { AllocatorMisuseError } from './errors.js';
export type { AllocatorStats, SizeClassStats, ArenaStats } from './stats.js';
export type { AllocatorState, Arena, Pool, RawBlock, LiveBlock, PoolState, AllocatorCounters } from './state.js';
export { checkAllocatorInvariants, findAllocatorViolations } from './invariants.js';
export type { AllocatorInvariant, AllocatorViolation } from './invariants.js';
