/*
 * A bug's witness: the canonical minimal program that fails at all, reached from a finding's own
 * shrunk program (docs/campaign.md, "One bug, one finding").
 *
 * A finding is shrunk keeping only candidates that break its own invariant (shrinkProgram.ts's
 * `same-invariant`), as Hypothesis shrinks within one origin: a shrink that slipped to another failure
 * would report a bug other than the one found. But one bug often shows under several invariants — a
 * `bytes` object never freed breaks `refcount-death-is-prompt` at its `del` and, by a longer route, a
 * collection's `collect-frees-exactly-young-garbage` — and a same-invariant shrink keeps those apart
 * for good. So once the finding's own program is final, it is shrunk once more, accepting any failure
 * (`any-failure`): the result is the witness, and the bug key (properties/suite/bugKey.ts) is read off
 * the witness's failure rather than the finding's. Routes that fail differently but descend to one
 * program are then one bug; the finding keeps its own program, invariant and message as its variant.
 *
 * Why the witness is a function of the finding's program alone: the witness shrink starts from the
 * finding's shrunk program, with its own fixed budget (WITNESS_MAX_EVALUATIONS, not what the finding's
 * shrink left over), and the shrinker is deterministic. Two findings with one program have one witness,
 * whatever routes and seeds they came from; the same seed gives byte-identical findings.
 *
 * Slippage, the price. Accepting any failure lets the shrink move from one bug to another when a
 * simpler program fails for another reason: in an engine with two bugs, A reached by a program that
 * also contains a simpler trigger of B shrinks to B's witness, and A's findings are listed under B.
 * That happens when the two bugs' failing programs overlap (one program, reduced, can show either) —
 * typically two defects in one mechanism, or one defect that a second one masks — and also when they
 * are merely close: the respelling passes turn `v0 = Lazarus()` (a finalizer bug) into `v0 = bytes(2)`,
 * and if a second defect makes that program fail, the finalizer's findings are listed under it. Only
 * defects whose short triggers are not a few edits apart stay two bugs for sure (test/fuzz/bugGroups.test.ts
 * pins both cases). Nothing is lost when it does: every finding stays on file with
 * its own same-invariant program, and the report lists each variant with its invariant, so a reader
 * sees two invariants under one bug and can replay each. A witness that cannot be computed (the
 * finding is flaky, a crash, a hang, or not shrunk yet) leaves the finding keyed by its own failure.
 */
import type { Program } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import type { Invariant } from '../invariants/catalogue.js';
import { shrinkProgram, type FailurePredicate, type ShrinkResult } from './shrinkProgram.js';

/** The witness shrink's own budget: it starts from a shrunk program, so it is mostly the fixpoint passes. */
export const WITNESS_MAX_EVALUATIONS = 1_000;

/** The canonical program that fails at all (any invariant `failsAtAll` reports), from a finding's shrunk program. */
export function shrinkToWitness(program: Program, failsAtAll: FailurePredicate, maxEvaluations = WITNESS_MAX_EVALUATIONS): ShrinkResult {
  return shrinkProgram(program, failsAtAll, maxEvaluations, 'any-failure');
}

/** A witness as findings store it: the program printed, the failure it shows, what finding it cost. */
export function printedWitness(w: ShrinkResult): {
  program: string; invariant: Invariant; message: string; step: number; line: number; evaluations: number;
} {
  const d = w.divergence;
  return { program: printProgram(w.program), invariant: d.invariant, message: d.message, step: d.step, line: d.line, evaluations: w.evaluations };
}
