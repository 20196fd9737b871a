/*
 * Checked throughput (SPEC §8): statements per second of the lockstep runner with every invariant on —
 * model, implementation, allocator replay, snapshots, heap check — on one core, over the property
 * suite's generated programs from a fixed seed.
 */
import fc from 'fast-check';
import { programArbitrary } from '../../properties/generators/programArbitrary.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';

export function checkedThroughput(programs = 3000, seed = 20261121): { statementsPerSecond: number; programs: number } {
  const sample = fc.sample(programArbitrary({ maxLength: 60 }), { numRuns: programs, seed });
  let steps = 0;
  const start = performance.now();
  for (const p of sample) steps += runLockstep(p).steps;
  return { statementsPerSecond: steps / ((performance.now() - start) / 1000), programs };
}
