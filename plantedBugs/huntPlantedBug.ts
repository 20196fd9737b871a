/*
 * Hunting one planted bug the way the suite hunts real ones (properties/suite/searchFailures.ts): the
 * standard generator (under the bug's version profile) from a seed, a fixed number of programs (a time limit only as a safety net), the
 * search going on a little past the first failure; every failure found is shrunk by pymem's shrinker
 * and the smallest of the first failure's invariant is kept (properties/shrink/smallestCounterexample.ts).
 * Each shrunk failure also gets its bug's witness (properties/shrink/witness.ts), as a campaign's
 * shrinker gives each finding one: what the bench groups the hunt's failures by.
 * A counterexample counts only if the real implementation passes it: a program on which the real
 * implementation diverges too is a finding of its own, not the planted bug.
 *
 * Shared by the planted-bug test (test/plantedBugs/plantedBugs.test.ts: found, right invariant, shrunk
 * small) and `pymem bench --only planted` (time to detection and shrunk size over several seeds).
 */
import { createEngine as createImplEngine } from '../impl/engine.js';
import type { CreateEngine } from '../contract/engine.js';
import type { CPythonVersion, Program, StatementKind } from '../language/ast.js';
import { loadProgram } from '../language/load.js';
import { printProgram } from '../language/print.js';
import { programArbitrary } from '../properties/generators/programArbitrary.js';
import type { Divergence } from '../properties/lockstep/divergence.js';
import { runLockstep } from '../properties/lockstep/lockstep.js';
import type { ShrinkResult } from '../properties/shrink/shrinkProgram.js';
import { shrinkEach } from '../properties/shrink/smallestCounterexample.js';
import { searchFailures } from '../properties/suite/searchFailures.js';
import { CI_SEED } from '../properties/suite/profile.js';

/** The suite's CI seed (properties/suite/profile.ts) and its standard generator profile. */
export const HUNT_SEED = CI_SEED;
export const HUNT_GENERATOR = { maxLength: 60 } as const;
/** Generated programs per bug (the search included); the slowest bug found (weakrefs-handled-after-finalizers) needs about 1 100 with HUNT_SEED. */
export const PROGRAMS_PER_BUG = 2_000;
/**
 * A safety net only (a bug's hunt takes 0.1–3 s of CPU): on two cores shared by other jobs (load
 * average 10) a hunt was seen to take a minute of wall-clock time.
 */
export const SAFETY_TIME_LIMIT_MS = 90_000;

export interface Hunt {
  /** The first failing program: its number in the run and the time taken to reach it. */
  found: { program: number; ms: number } | null;
  /** Programs run, past the first failure included, and the failures found among them. */
  programs: number;
  failures: number;
  /** The smallest shrunk failure of the first failure's invariant. */
  shrunk: ShrinkResult | null;
  /** Every failure found that failed again, shrunk, in the order found: what a campaign would file as findings. */
  shrunkAll: ShrinkResult[];
  /** The witness of each of `shrunkAll`, as a campaign's shrinker gives each finding one. */
  witnesses: ShrinkResult[];
  /** The first counterexample's size, before shrinking. */
  counterexampleSize: number;
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

const variantDivergence = (variant: CreateEngine, p: Program) => runLockstep(p, variant).divergence;

/** The variant diverges and the real implementation does not: the planted bug, and nothing else. */
export function plantedDivergence(variant: CreateEngine, p: Program): Divergence | null {
  const d = variantDivergence(variant, p);
  return d && runLockstep(p, createImplEngine).divergence === null ? d : null;
}

export function huntPlantedBug(
  variant: CreateEngine, seed = HUNT_SEED, kinds?: readonly StatementKind[], now: () => number = () => performance.now(), cpython?: CPythonVersion,
): Hunt {
  const start = now();
  let firstMs = 0;
  const generator = { ...HUNT_GENERATOR, ...(kinds ? { kinds: [...kinds] } : {}), ...(cpython ? { cpython } : {}) };
  const search = searchFailures(
    programArbitrary(generator),
    (p) => {
      const d = plantedDivergence(variant, p);
      if (d && firstMs === 0) firstMs = now() - start;
      return d;
    },
    { seed, numRuns: PROGRAMS_PER_BUG, timeLimitMs: SAFETY_TIME_LIMIT_MS },
  );
  const first = search.failures[0] ?? search.crash;
  const result: Hunt = {
    found: first ? { program: first.run + 1, ms: firstMs } : null, programs: search.runs, failures: search.failures.length,
    shrunk: null, shrunkAll: [], witnesses: [], counterexampleSize: first?.program.statements.length ?? 0, problem: null,
  };
  if (search.crash) {
    const e = search.crash.error;
    result.problem = `the engine crashed: ${e instanceof Error ? e.stack : String(e)}\n${printProgram(search.crash.program)}`;
    return result;
  }
  if (!first) return result;
  const fails = (p: Program) => {
    try {
      return plantedDivergence(variant, p);
    } catch {
      return null; // a crash is not the failure being shrunk
    }
  };
  const { smallest, all, witnesses } = shrinkEach(search.failures.map((f) => f.program), fails, undefined, { witnesses: true });
  result.shrunk = smallest.get(search.failures[0].divergence.invariant) ?? null;
  result.shrunkAll = all;
  result.witnesses = witnesses;
  if (!result.shrunk) result.problem = `the first failure did not fail again:\n${printProgram(search.failures[0].program)}`;
  return result;
}
