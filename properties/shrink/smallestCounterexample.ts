/*
 * Several failing programs in, one small program per invariant out: each is shrunk
 * (shrinkProgram.ts), and per invariant the smallest result is kept — smallest in the shrink order
 * (programOrder.ts), ties broken by the printed text, so the choice does not depend on the order the
 * failures were found in. This is what makes searching past the first failure pay: the same bug
 * reached by a longer route shrinks no further than that route allows.
 */
import type { Program } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import type { Invariant } from '../invariants/catalogue.js';
import { simplerThan } from './programOrder.js';
import { shrinkProgram, type FailurePredicate, type ShrinkResult } from './shrinkProgram.js';

export function smallestPerInvariant(programs: readonly Program[], fails: FailurePredicate, maxEvaluations?: number): Map<Invariant, ShrinkResult> {
  const best = new Map<Invariant, ShrinkResult>();
  for (const program of programs) {
    if (!fails(program)) continue; // flaky, or failing only the caller's search predicate
    const shrunk = shrinkProgram(program, fails, maxEvaluations);
    const invariant = shrunk.divergence.invariant;
    const kept = best.get(invariant);
    const evaluations = (kept?.evaluations ?? 0) + shrunk.evaluations;
    if (!kept || simplerThan(shrunk.program, kept.program) ||
      (!simplerThan(kept.program, shrunk.program) && printProgram(shrunk.program) < printProgram(kept.program))) {
      best.set(invariant, { ...shrunk, evaluations });
    } else {
      best.set(invariant, { ...kept, evaluations });
    }
  }
  return best;
}
