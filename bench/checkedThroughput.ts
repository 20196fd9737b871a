/*
 * Checked throughput: statements per second of the lockstep runner with every invariant on —
 * model, implementation, allocator replay, snapshots, heap check — on one core, over the property
 * suite's generated programs from a fixed seed. pymem's implementation by default, or any engine (a
 * plug-in: `pymem bench --only checked --impl MODULE`).
 *
 * The timed pass comes after a warm-up pass over as many programs from another seed (not timed): the
 * figure is the steady state of a campaign, which checks programs for hours, not the JIT's first
 * seconds (bench/README.md, Method).
 */
import fc from 'fast-check';
import type { CreateEngine } from '../contract/engine.js';
import { createEngine as createImplEngine } from '../impl/engine.js';
import { programArbitrary } from '../properties/generators/programArbitrary.js';
import { runLockstep } from '../properties/lockstep/lockstep.js';
import { DEFAULT_CPYTHON, type CPythonVersion } from '../language/ast.js';

/** The warm-up's seed: any other than the timed programs'. */
const WARM_UP_SEED_OFFSET = 1;

export function checkedThroughput(
  programs = 3000, seed = 20261121, createEngine: CreateEngine = createImplEngine, cpython: CPythonVersion = DEFAULT_CPYTHON,
): { statementsPerSecond: number; programs: number } {
  const arbitrary = programArbitrary({ maxLength: 60, cpython });
  for (const p of fc.sample(arbitrary, { numRuns: programs, seed: seed + WARM_UP_SEED_OFFSET })) runLockstep(p, createEngine);
  const sample = fc.sample(arbitrary, { numRuns: programs, seed });
  let steps = 0;
  const start = performance.now();
  for (const p of sample) steps += runLockstep(p, createEngine).steps;
  return { statementsPerSecond: steps / ((performance.now() - start) / 1000), programs };
}
