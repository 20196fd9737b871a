/*
 * Shrinking a failing program to a small canonical one: the shrinker of the property suite and of
 * campaign findings alike.
 *
 * Deletion first (ddmin): try to drop runs of statements, halving the run length down to single
 * statements, and keep a deletion when the program still fails *with the same invariant*. After every
 * deletion the normalizer drops the statements the deletion made invalid, so every candidate is a valid
 * program. Then the names are renamed canonically (v0, v1, … in order of first binding), so the same bug
 * shrinks to the same text whatever names the generator happened to use.
 *
 * Deterministic: the same failing program and predicate always give the same result.
 */
import type { Program, Statement } from '../../model/language/ast.js';
import { normalizeStatements } from '../../model/language/normalize.js';
import { renameCanonically } from '../../model/language/rename.js';
import type { Divergence } from '../lockstep/divergence.js';

export interface ShrinkResult {
  program: Program;
  divergence: Divergence;
  /** How many candidate programs were run. */
  evaluations: number;
}

export type FailurePredicate = (program: Program) => Divergence | null;

export function shrinkProgram(program: Program, fails: FailurePredicate, maxEvaluations = 2000): ShrinkResult {
  const first = fails(program);
  if (!first) throw new Error('shrinkProgram: the program does not fail');
  const invariant = first.invariant;
  let best = { program, divergence: first };
  let evaluations = 1;
  const attempt = (statements: Statement[]): boolean => {
    if (evaluations >= maxEvaluations) return false;
    evaluations++;
    const candidate = { ...best.program, statements };
    const d = fails(candidate);
    if (!d || d.invariant !== invariant) return false;
    best = { program: candidate, divergence: d };
    return true;
  };

  for (let run = Math.max(1, best.program.statements.length >> 1); run >= 1; run = run >> 1) {
    for (let start = 0; start < best.program.statements.length; ) {
      const current = best.program.statements;
      const kept = normalizeStatements([...current.slice(0, start), ...current.slice(start + run)]);
      if (kept.length < current.length && attempt(kept)) continue;
      start += run;
    }
    if (run === 1) break;
  }

  // Renaming never changes what a program does; should the predicate still disagree (a flaky failure),
  // the un-renamed program, the one seen to fail, is kept.
  attempt(stripLocations(renameCanonically(best.program.statements)));
  return { program: best.program, divergence: best.divergence, evaluations };
}

function stripLocations(statements: Statement[]): Statement[] {
  return statements.map(({ loc: _loc, ...s }) => s as Statement);
}
