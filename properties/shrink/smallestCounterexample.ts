/*
 * Several failing programs in, one small program per invariant out: each is shrunk
 * (shrinkProgram.ts), and per invariant the simplest result is kept — simplest in the shrink order
 * (programOrder.ts, a total order), so the choice does not depend on the order the failures were found
 * in. This is what makes searching past the first failure pay: the same bug reached by a longer route
 * shrinks no further than that route allows. Every shrunk failure is returned too, in the order found:
 * the findings a campaign would have made of them (bench/plantedBugs.ts groups them), and, on request,
 * the witness of each (witness.ts), as a campaign's shrinker gives each finding one.
 *
 * The predicate runs the engine; each failure's own shrink and its witness's share a cache of its
 * answers by printed program (the witness starts where the shrink ended, and re-proposes many of the
 * candidates that shrink judged), as a campaign's shrink job does (fuzz/worker/shrinkFailure.ts). The
 * shrinks' `evaluations` count candidates judged, cached or not, so that they and the results do not
 * depend on the cache; `runs` counts the predicate calls that did run.
 */
import type { Program } from '../../language/ast.js';
import type { Invariant } from '../invariants/catalogue.js';
import { compareSimplicity } from './programOrder.js';
import type { Divergence } from '../lockstep/divergence.js';
import { printProgram } from '../../language/print.js';
import { shrinkProgram, type FailurePredicate, type ShrinkResult } from './shrinkProgram.js';
import { shrinkToWitness } from './witness.js';

export function smallestPerInvariant(programs: readonly Program[], fails: FailurePredicate, maxEvaluations?: number): Map<Invariant, ShrinkResult> {
  return shrinkEach(programs, fails, maxEvaluations).smallest;
}

export interface ShrunkFailures {
  /** Per invariant, the simplest shrunk program; its `evaluations` are the sum over every failure of that invariant. */
  smallest: Map<Invariant, ShrinkResult>;
  /** Every failure that failed again, shrunk, in the order given. */
  all: ShrinkResult[];
  /** With `witnesses`: the witness of each of `all`; else empty. */
  witnesses: ShrinkResult[];
}

export function shrinkEach(programs: readonly Program[], fails: FailurePredicate, maxEvaluations?: number, options: { witnesses?: boolean } = {}): ShrunkFailures {
  const smallest = new Map<Invariant, ShrinkResult>();
  const all: ShrinkResult[] = [];
  const witnesses: ShrinkResult[] = [];
  for (const program of programs) {
    const cache = new Map<string, Divergence | null>();
    const cached: FailurePredicate = (p) => {
      const text = printProgram(p);
      let d = cache.get(text);
      if (d === undefined) {
        cache.set(text, (d = fails(p)));
      }
      return d;
    };
    if (!cached(program)) continue; // flaky, or failing only the caller's search predicate
    const shrunk = shrinkProgram(program, cached, maxEvaluations);
    all.push(shrunk);
    if (options.witnesses) witnesses.push(shrinkToWitness(shrunk.program, cached));
    const invariant = shrunk.divergence.invariant;
    const kept = smallest.get(invariant);
    const evaluations = (kept?.evaluations ?? 0) + shrunk.evaluations;
    const simplest = !kept || compareSimplicity(shrunk.program, kept.program) < 0 ? shrunk : kept;
    smallest.set(invariant, { ...simplest, evaluations });
  }
  return { smallest, all, witnesses };
}
