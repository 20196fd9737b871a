/*
 * Shrinking a failing program to the canonical one: the shrinker of the property suite and of
 * campaign findings alike.
 *
 * The target is the simplest program that fails the same way, in the total order of programOrder.ts
 * (fewer statements; then simpler statement kinds, by their total cost, then position by position;
 * then CPython's geometry and smaller numbers; then canonical names). The passes (shrinkPasses.ts) each propose candidates that
 * are strictly simpler in that order:
 *
 *   deletion        first everything after the failing statement (a check at step k has seen only
 *                   statements 1..k), then runs of statements, halving the run length down to single
 *                   statements; and adjacent `del`s merged into one;
 *   kinds           each statement by its simpler spellings (simplerStatements.ts), and statements
 *                   that are alike but for their names changed together;
 *   blocks          a raw block and its `free` turned into an object and its `del` (blocksToObjects.ts);
 *   containers      an instance or a dict and its stores turned into a list and its appends
 *                   (containersToLists.ts);
 *   appends         `x.append(y)` folded into x's list literal, x's binding moved after y's if need be
 *                   (respellPasses.ts);
 *   aliases         `t = s` deleted and later reads of t redirected to s (inlineRebind.ts);
 *   collections     an automatic-collection route replaced by one explicit `gc.collect()`;
 *
 * and, at a fixpoint of those, the fine and the costlier ones (quadratic in the statements or the
 * numbers), in this order:
 *
 *   numbers         every size, generation, threshold and index lowered to the smallest value that
 *                   keeps the failure (numberLiterals.ts says what "smallest" guarantees);
 *   geometry        CPython's pools and arenas, else the smallest that keep the failure;
 *   names           a value bound to another name: to a name whose value is dead by then (a
 *                   rebinding) rather than a new one, where the failure allows;
 *   operands        one read of a name replaced by a read of another (then the first value's
 *                   statement may be deleted);
 *   order           adjacent statements swapped into the normal order (lower kinds first), where the
 *                   swap keeps the failure — two statements commute only if running says so;
 *   swapped names   two values exchanged from a statement on, where the failure does not care which;
 *   paired numbers  two numbers lowered together where neither can be alone (a block and its realloc);
 *   collections     a statement replaced by an explicit collection and another deleted;
 *
 * and, for a witness only (`any-failure`: witness.ts), the passes that cross routes by respelling
 * (respellPasses.ts): a run of statements deleted while another statement is respelled, and on the
 * shortest programs two bindings respelled together — the costliest per step, needed only where routes
 * must meet;
 *
 * (the names, operands, order and swapped-names passes only on programs of at most 12 statements: two routes to
 * one bug meet at a short program if at all), repeated until a whole round and every fixpoint pass
 * change nothing (a fixpoint: no pass can take a step down from the result) or the evaluation budget
 * is spent. Every candidate has canonical names (language/rename.ts's renameLiveRanges: v0, v1, … per
 * value bound; dict keys `a`, `b`, … by renameKeys), so the same bug prints the same text whatever
 * names the generator drew; the input itself is renamed last, if no candidate was ever taken.
 *
 * States and invariants. `best` is the simplest program seen to fail the same way; it only moves down
 * the order, so the loop terminates (the order is well-founded) and the result is never worse than the
 * input. A candidate is run only if it is simpler than `best`, valid (every candidate is normalized:
 * statements a change made invalid are dropped) and not run before (a cache of printed candidates,
 * which makes the fixpoint's last round nearly free). "The same way" is the same invariant: a
 * candidate breaking another invariant is another bug and is not taken — except for a witness, whose
 * shrink takes any failure (witness.ts says what that costs). Not also the same first
 * diverging observation (properties/suite/bugKey.ts): the shrinker would then keep apart the routes it
 * is meant to bring together (a free list seen through a list's `realloc` at the teardown, or through
 * an object's `malloc`), and the grouping of findings, which reads the observation of the witness's
 * failure, does not need it. Deterministic: the same
 * program and predicate always give the same result, with the same number of evaluations (predicate
 * calls), never more than `maxEvaluations`.
 */
import type { AllocatorGeometry, Program, Statement } from '../../language/ast.js';
import { normalizeStatements } from '../../language/normalize.js';
import { printProgram } from '../../language/print.js';
import { renameKeys, renameLiveRanges } from '../../language/rename.js';
import type { Divergence } from '../lockstep/divergence.js';
import { simplerThan } from './programOrder.js';
import { FIXPOINT_PASSES, SHRINK_ROUND, WITNESS_FIXPOINT_PASSES } from './shrinkPasses.js';

export interface ShrinkResult {
  program: Program;
  divergence: Divergence;
  /** How many candidate programs were run. */
  evaluations: number;
}

export type FailurePredicate = (program: Program) => Divergence | null;

/**
 * Which failures count as "the same way": the first failure's invariant (a finding's own shrink), or
 * any failure the predicate reports (the bug's witness, witness.ts).
 */
export type SameFailure = 'same-invariant' | 'any-failure';

/** What a pass sees: the best program so far, and a way to propose a candidate. */
export interface ShrinkState {
  readonly best: Program;
  /** The statement the best program fails at (1-based; past the end: in the teardown). */
  readonly failingStep: number;
  /** Runs the candidate (normalized) if it is simpler than `best`; true when it fails the same way and became `best`. */
  attempt(statements: Statement[], geometry?: AllocatorGeometry): boolean;
  /** The evaluation budget is spent. */
  readonly exhausted: boolean;
}

export const DEFAULT_MAX_EVALUATIONS = 2000;

export function shrinkProgram(
  program: Program, fails: FailurePredicate, maxEvaluations = DEFAULT_MAX_EVALUATIONS, same: SameFailure = 'same-invariant',
): ShrinkResult {
  const first = fails(program);
  if (!first) throw new Error('shrinkProgram: the program does not fail');
  const invariant = first.invariant;
  let best = { program, divergence: first };
  let evaluations = 1;
  // One evaluation is kept for the renaming at the end.
  let limit = Math.max(1, maxEvaluations - 1);
  const seen = new Set<string>([printProgram(program)]);
  const run = (candidate: Program): boolean => {
    const text = printProgram(candidate);
    if (seen.has(text) || evaluations >= limit) return false;
    seen.add(text);
    evaluations++;
    const d = fails(candidate);
    if (!d || (same === 'same-invariant' && d.invariant !== invariant)) return false;
    best = { program: candidate, divergence: d };
    return true;
  };
  const state: ShrinkState = {
    get best() {
      return best.program;
    },
    get failingStep() {
      return best.divergence.step === 0 ? best.program.statements.length + 1 : best.divergence.step;
    },
    get exhausted() {
      return evaluations >= limit;
    },
    attempt(statements, geometry = best.program.geometry) {
      // Names are canonical in every candidate, so that the order's last component compares spellings
      // of the same shape, and candidates that differ only in names are one candidate.
      const candidate = { ...best.program, geometry, statements: canonicalNames(normalizeStatements(statements)) };
      return simplerThan(candidate, best.program) && run(candidate);
    },
  };

  for (;;) {
    const before = best.program;
    for (const pass of SHRINK_ROUND) {
      if (state.exhausted) break;
      pass(state);
    }
    // At the round's fixpoint, the costlier passes, one at a time: the first that gains starts a new round.
    for (const pass of same === 'same-invariant' ? FIXPOINT_PASSES : WITNESS_FIXPOINT_PASSES) {
      if (best.program !== before || state.exhausted) break;
      pass(state);
    }
    if (best.program === before || state.exhausted) break;
  }

  // Renaming never changes what a program does; should the predicate still disagree (a flaky failure),
  // the un-renamed program, the one seen to fail, is kept.
  limit = maxEvaluations;
  state.attempt(best.program.statements);
  return { program: best.program, divergence: best.divergence, evaluations };
}

/** Names per live range, dict keys in order of appearance, no source locations. */
function canonicalNames(statements: Statement[]): Statement[] {
  return renameKeys(renameLiveRanges(statements)).map(({ loc: _loc, ...s }) => s as Statement);
}
