/*
 * The fixed-seed run the CI judges the statistics on: 2000 programs of the default swarm (every kind, at
 * most 60 templates) with the idioms that reach the rules' boundaries (GeneratorProfile.ruleIdioms) from
 * seed 20261121, each run in lockstep against the model. The statistics test
 * (test/properties/statistics.test.ts) requires the minimums of it, and `npm run stats:baseline`
 * (scripts/statistics-baseline.mjs) records it as the baseline whatMoved.ts compares a red run with; both
 * call this, so the two are the same run.
 */
import fc from 'fast-check';
import type { CreateEngine } from '../../contract/engine.js';
import { programArbitrary } from '../generators/programArbitrary.js';
import { runLockstep } from '../lockstep/lockstep.js';
import { RunStatistics } from './runStatistics.js';
import { CI_SEED } from '../suite/profile.js';

export { CI_SEED };

export const CI_PROGRAMS = 2000;
export const CI_MAX_LENGTH = 60;

export function ciStatistics(createEngine: CreateEngine, seed = CI_SEED, programs = CI_PROGRAMS): RunStatistics {
  const stats = new RunStatistics();
  for (const p of fc.sample(programArbitrary({ maxLength: CI_MAX_LENGTH, ruleIdioms: true }), { seed, numRuns: programs })) stats.add(p, runLockstep(p, createEngine));
  return stats;
}
