/*
 * Several failing programs in, one small program per invariant out: each is shrunk
 * (shrinkProgram.ts), and per invariant the simplest result is kept — simplest in the shrink order
 * (programOrder.ts, a total order), so the choice does not depend on the order the failures were found
 * in. This is what makes searching past the first failure pay: the same bug reached by a longer route
 * shrinks no further than that route allows. Every shrunk failure is returned too, in the order found:
 * the findings a campaign would have made of them (bench/plantedBugs.ts groups them).
 */
import type { Program } from '../../language/ast.js';
import type { Invariant } from '../invariants/catalogue.js';
import { compareSimplicity } from './programOrder.js';
import { shrinkProgram, type FailurePredicate, type ShrinkResult } from './shrinkProgram.js';

export function smallestPerInvariant(programs: readonly Program[], fails: FailurePredicate, maxEvaluations?: number): Map<Invariant, ShrinkResult> {
  return shrinkEach(programs, fails, maxEvaluations).smallest;
}

export interface ShrunkFailures {
  /** Per invariant, the simplest shrunk program; its `evaluations` are the sum over every failure of that invariant. */
  smallest: Map<Invariant, ShrinkResult>;
  /** Every failure that failed again, shrunk, in the order given. */
  all: ShrinkResult[];
}

export function shrinkEach(programs: readonly Program[], fails: FailurePredicate, maxEvaluations?: number): ShrunkFailures {
  const smallest = new Map<Invariant, ShrinkResult>();
  const all: ShrinkResult[] = [];
  for (const program of programs) {
    if (!fails(program)) continue; // flaky, or failing only the caller's search predicate
    const shrunk = shrinkProgram(program, fails, maxEvaluations);
    all.push(shrunk);
    const invariant = shrunk.divergence.invariant;
    const kept = smallest.get(invariant);
    const evaluations = (kept?.evaluations ?? 0) + shrunk.evaluations;
    const simplest = !kept || compareSimplicity(shrunk.program, kept.program) < 0 ? shrunk : kept;
    smallest.set(invariant, { ...simplest, evaluations });
  }
  return { smallest, all };
}
