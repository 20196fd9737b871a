/*
 * Hunting one planted bug the way the suite hunts real ones: the standard generator from a seed, a
 * fixed number of programs (a time limit only as a safety net), fast-check's shrinking with a bounded
 * number of steps, then pymem's shrinkProgram repeated to a fixpoint. A counterexample counts only if
 * the real implementation passes it: a program on which the real implementation diverges too is a
 * finding of its own, not the planted bug.
 *
 * Shared by the planted-bug test (test/properties/plantedBugs.test.ts: found, right invariant, shrunk
 * small) and `pymem bench --only planted` (time to detection and shrunk size over several seeds).
 */
import fc from 'fast-check';
import type { CreateEngine } from '../../impl/engineUnderTest.js';
import type { Program } from '../../model/language/ast.js';
import { loadProgram } from '../../model/language/load.js';
import { printProgram } from '../../model/language/print.js';
import { programArbitrary } from '../generators/programArbitrary.js';
import type { Divergence } from '../lockstep/divergence.js';
import { runLockstep } from '../lockstep/lockstep.js';
import { shrinkProgram, type ShrinkResult } from '../shrink/shrinkProgram.js';

/** The suite's CI seed (properties/suite/profile.ts) and its standard generator profile. */
export const HUNT_SEED = 20261121;
export const HUNT_GENERATOR = { maxLength: 60 } as const;
/** Generated programs per bug; the slowest bug found needs about 700 with HUNT_SEED. */
export const PROGRAMS_PER_BUG = 2_000;
/** A bound on fast-check's own shrinking (deterministic, unlike a time limit; the catalog needs at most ~7 000 with HUNT_SEED); pymem's shrinker then finishes. */
export const FAST_CHECK_SHRINK_STEPS = 20_000;
export const SAFETY_TIME_LIMIT_MS = 30_000;

export interface Hunt {
  /** The first failing program: its number in the run and the time taken to reach it. */
  found: { program: number; ms: number } | null;
  shrunk: ShrinkResult | null;
  /** The counterexample before pymem's shrinker (after fast-check's), and fast-check's shrinking steps. */
  counterexampleSize: number;
  fastCheckShrinkSteps: number;
  /** Why the counterexample could not be shrunk: an engine crash, or a divergence of the real implementation. */
  problem: string | null;
}

export const parseProgram = (text: string, file: string): Program => {
  const loaded = loadProgram(text, file);
  if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
  return loaded.program;
};

/** Statements of a program text (the hand-minimal programs' size). */
export const statementsOf = (text: string) => parseProgram(text, 'minimal.py').statements.length;

export const variantDivergence = (variant: CreateEngine, p: Program) => runLockstep(p, { createEngine: variant }).divergence;

/** The variant diverges and the real implementation does not: the planted bug, and nothing else. */
export function plantedDivergence(variant: CreateEngine, p: Program): Divergence | null {
  const d = variantDivergence(variant, p);
  return d && runLockstep(p).divergence === null ? d : null;
}

export function huntPlantedBug(variant: CreateEngine, seed = HUNT_SEED, now: () => number = () => performance.now()): Hunt {
  const start = now();
  let programs = 0;
  let shrinkSteps = 0;
  let found: Hunt['found'] = null;
  const details = fc.check(
    fc.property(programArbitrary(HUNT_GENERATOR), (p) => {
      if (found === null) {
        programs++;
        const d = plantedDivergence(variant, p);
        if (d) found = { program: programs, ms: now() - start };
        return d === null;
      }
      // Shrinking: sub-programs of a program the real implementation passes; checked again at the end.
      if (++shrinkSteps > FAST_CHECK_SHRINK_STEPS) return true; // budget spent: fast-check stops shrinking here
      return variantDivergence(variant, p) === null;
    }),
    { seed, numRuns: PROGRAMS_PER_BUG, interruptAfterTimeLimit: SAFETY_TIME_LIMIT_MS, markInterruptAsFailure: false },
  );
  const result: Hunt = { found, shrunk: null, counterexampleSize: 0, fastCheckShrinkSteps: shrinkSteps, problem: null };
  if (!details.failed) return result;
  if (found === null) {
    result.problem = `the engine crashed: ${details.errorInstance instanceof Error ? details.errorInstance.stack : String(details.errorInstance)}`;
    return result;
  }
  const counterexample = details.counterexample![0];
  result.counterexampleSize = counterexample.statements.length;
  try {
    if (!plantedDivergence(variant, counterexample)) {
      result.problem = `the real implementation diverges on this program too (a finding of its own):\n${printProgram(counterexample)}`;
      return result;
    }
  } catch (e) {
    result.problem = `the engine crashed: ${(e as Error).stack ?? e}\n${printProgram(counterexample)}`;
    return result;
  }
  const fails = (p: Program) => {
    try {
      return plantedDivergence(variant, p);
    } catch {
      return null; // a crash is not the failure being shrunk
    }
  };
  // pymem's shrinker makes one ddmin pass; a deletion can enable earlier ones, so repeat to a fixpoint.
  let shrunk = shrinkProgram(counterexample, fails);
  for (let again = shrinkProgram(shrunk.program, fails); again.program.statements.length < shrunk.program.statements.length; ) {
    shrunk = again;
    again = shrinkProgram(shrunk.program, fails);
  }
  result.shrunk = shrunk;
  return result;
}
