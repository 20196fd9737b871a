/*
 * The canary: one planted bug that any working campaign finds within seconds, so that
 * `pymem fuzz --canary` proves the whole pipeline (generation, lockstep, findings, shrinking, reports)
 * really reports failures. The FIFO free list is found by the first few programs and needs nothing
 * rare: any program that frees a block and allocates the same size again.
 */
import type { CreateEngine } from '../contract/engine.js';
import { plantedBug } from './catalog.js';
import { loadVariant } from './loadVariant.js';

export const CANARY = 'pymalloc-free-list-fifo';

/** The plug-in factory of the implementation with the canary bug planted (needs dist/, `npm run build`). */
export function createCanaryEngine(): Promise<CreateEngine> {
  return loadVariant(plantedBug(CANARY));
}
