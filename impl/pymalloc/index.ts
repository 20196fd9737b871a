/*
 * impl/pymalloc: CPython 3.11's pymalloc over typed arrays. See README.md and pymalloc.ts.
 */
export { Pymalloc } from './pymalloc.js';
export type { PymallocStats, SizeClassStats, ArenaStats } from './stats.js';
export {
  ALIGNMENT,
  SMALL_REQUEST_THRESHOLD,
  NB_SMALL_SIZE_CLASSES,
  POOL_OVERHEAD,
  DEFAULT_GEOMETRY,
  classSize,
  geometryProblem,
} from './geometry.js';
export { ARENA_REGION_BASE, RAW_REGION_BASE, rawCapacity } from './addressSpace.js';
