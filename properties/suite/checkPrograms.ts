/*
 * One property of the suite: generated programs (a generator profile) agree in lockstep. Runs under the
 * suite profile's budget, always prints its seed, and on failure shrinks the counterexample to a
 * canonical program, saves it in the failure database, and fails with the program as Python and the
 * commands that replay it.
 */
import fc from 'fast-check';
import type { Program } from '../../model/language/ast.js';
import { printProgram } from '../../model/language/print.js';
import type { CreateEngine } from '../../impl/engineUnderTest.js';
import { programArbitrary, type GeneratorProfile } from '../generators/programArbitrary.js';
import { describeDivergence } from '../lockstep/divergence.js';
import { runLockstep, type LockstepResult } from '../lockstep/lockstep.js';
import { shrinkProgram } from '../shrink/shrinkProgram.js';
import { saveFailure } from './failureDatabase.js';
import { suiteProfile, type SuiteProfile } from './profile.js';

export interface PropertyRun {
  title: string;
  runs: number;
  steps: number;
  interrupted: boolean;
  profile: SuiteProfile;
}

export interface CheckOptions {
  generator?: GeneratorProfile;
  createEngine?: CreateEngine;
  /** Called with every lockstep result (statistics). */
  onRun?: (program: Program, result: LockstepResult) => void;
  /** The test file to name in the replay command. */
  testFile: string;
  profile?: SuiteProfile;
  /** Where to save shrunk failures (default: the failure database). */
  saveTo?: string;
}

export function checkPrograms(title: string, options: CheckOptions): PropertyRun {
  const profile = options.profile ?? suiteProfile();
  const lockstep = (p: Program) => runLockstep(p, { createEngine: options.createEngine });
  let steps = 0;
  const property = fc.property(programArbitrary(options.generator), (p) => {
    const result = lockstep(p);
    steps += result.steps;
    options.onRun?.(p, result);
    return result.divergence === null;
  });
  const details = fc.check(property, {
    seed: profile.seed,
    path: profile.path,
    numRuns: profile.numRuns,
    interruptAfterTimeLimit: profile.timeLimitMs,
    markInterruptAsFailure: false,
  });
  const run = { title, runs: details.numRuns, steps, interrupted: details.interrupted, profile };
  console.log(`[pymem] ${title}: profile ${profile.name}, seed ${profile.seed}, ${run.runs} programs, ${steps} statements`);
  if (!details.failed) return run;

  const found = details.counterexample![0];
  const replay = `  PYMEM_SEED=${details.seed} PYMEM_PATH="${details.counterexamplePath}" npx vitest run ${options.testFile}`;
  const crash = crashOf(() => lockstep(found));
  if (crash) {
    throw new Error([`${title}: the engine crashed: ${crash}`, '', printProgram(found).trimEnd(), '', 'replay:', replay].join('\n'));
  }
  const shrunk = shrinkProgram(found, (p) => {
    try {
      return lockstep(p).divergence;
    } catch {
      return null; // a crash is not the failure being shrunk
    }
  });
  const origin = `seed ${details.seed}, path ${details.counterexamplePath}, ${found.statements.length} statements before shrinking`;
  const file = saveFailure(shrunk.program, shrunk.divergence, origin, options.saveTo);
  throw new Error(
    [
      `${title}: ${describeDivergence(shrunk.divergence)}`,
      '',
      printProgram(shrunk.program).trimEnd(),
      '',
      `shrunk from ${found.statements.length} to ${shrunk.program.statements.length} statements, saved as ${file}`,
      'replay the program:',
      `  npx pymem check ${file}`,
      'replay the generated case:',
      replay,
    ].join('\n'),
  );
}

function crashOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    return e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
}
