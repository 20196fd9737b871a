/*
 * Shrinking a failing program to a small canonical one: the shrinker of the property suite and of
 * campaign findings alike.
 *
 * Passes, repeated until none makes progress (a fixpoint) or the evaluation budget is spent:
 *   1. deletion (ddmin): drop runs of statements, halving the run length down to single statements;
 *   2. replacement: each statement by its simpler variants (simplerStatements.ts: `x = [a, b]` →
 *      `x = []`, `Lazarus()` → `Obj()`, fewer and smaller thresholds, `gc.collect(1)` → `gc.collect()`…);
 *   3. inlining: an alias `t = s` deleted and the later reads of t redirected to s (inlineRebind.ts);
 *   4. explicit collection: an automatic-collection route (`gc.set_threshold(…)` and the allocations
 *      that trip it) replaced by one `gc.collect()` (or `gc.collect(0)`, `gc.collect(1)`) at some later point, after which
 *      deletion can drop the allocations that were only there to trip the threshold;
 *   5. geometry: CPython's pool and arena sizes instead of scaled-down ones.
 * A candidate is kept when the program still fails *with the same invariant* and is strictly simpler
 * in the shrink order (programOrder.ts: fewer statements, then a lower cost), so the passes cannot
 * undo each other and the loop terminates. Every candidate is normalized (statements a change made
 * invalid are dropped), so every program tried, and the result, is valid. Finally the names are
 * renamed canonically (v0, v1, … in order of first binding), so the same bug shrinks to the same text
 * whatever names the generator happened to use.
 *
 * Deterministic: the same failing program and predicate always give the same result.
 */
import { CPYTHON_GEOMETRY, type Program, type Statement } from '../../language/ast.js';
import { normalizeStatements } from '../../language/normalize.js';
import { renameCanonically } from '../../language/rename.js';
import type { Divergence } from '../lockstep/divergence.js';
import { inlineRebind } from './inlineRebind.js';
import { simplerThan } from './programOrder.js';
import { simplerVariants } from './simplerStatements.js';

export interface ShrinkResult {
  program: Program;
  divergence: Divergence;
  /** How many candidate programs were run. */
  evaluations: number;
}

export type FailurePredicate = (program: Program) => Divergence | null;

const EXPLICIT_COLLECTIONS: Statement[] = [
  { kind: 'collect', generation: 2, explicitGeneration: false },
  { kind: 'collect', generation: 0, explicitGeneration: true },
  { kind: 'collect', generation: 1, explicitGeneration: true },
];

export function shrinkProgram(program: Program, fails: FailurePredicate, maxEvaluations = 2000): ShrinkResult {
  const first = fails(program);
  if (!first) throw new Error('shrinkProgram: the program does not fail');
  const invariant = first.invariant;
  let best = { program, divergence: first };
  let evaluations = 1;
  const run = (candidate: Program): boolean => {
    if (evaluations >= maxEvaluations) return false;
    evaluations++;
    const d = fails(candidate);
    if (!d || d.invariant !== invariant) return false;
    best = { program: candidate, divergence: d };
    return true;
  };
  const attempt = (statements: Statement[], geometry = best.program.geometry): boolean => {
    const candidate = { ...best.program, geometry, statements: normalizeStatements(statements) };
    return simplerThan(candidate, best.program) && run(candidate);
  };

  const deletion = () => {
    for (let length = Math.max(1, best.program.statements.length >> 1); length >= 1; length >>= 1) {
      for (let start = 0; start < best.program.statements.length; ) {
        const current = best.program.statements;
        if (!attempt([...current.slice(0, start), ...current.slice(start + length)])) start += length;
      }
    }
  };
  const replacement = () => {
    for (let i = 0; i < best.program.statements.length; i++) {
      const current = best.program.statements;
      for (const variant of simplerVariants(current[i])) {
        if (attempt(current.map((s, k) => (k === i ? variant : s)))) {
          i--; // the new statement may simplify further
          break;
        }
      }
    }
  };
  const inlining = () => {
    for (let i = 0; i < best.program.statements.length; i++) {
      const inlined = inlineRebind(best.program.statements, i);
      if (inlined && attempt(inlined)) i--;
    }
  };
  const explicitCollection = () => {
    for (let i = 0; i < best.program.statements.length; i++) {
      if (best.program.statements[i].kind !== 'setThreshold') continue;
      const rest = best.program.statements.filter((_, k) => k !== i);
      search: for (let at = rest.length; at >= i; at--) {
        for (const collect of EXPLICIT_COLLECTIONS) {
          if (attempt([...rest.slice(0, at), collect, ...rest.slice(at)])) break search;
        }
      }
    }
  };
  const geometry = () => {
    const g = best.program.geometry;
    if (g.poolSize !== CPYTHON_GEOMETRY.poolSize || g.arenaSize !== CPYTHON_GEOMETRY.arenaSize) attempt(best.program.statements, CPYTHON_GEOMETRY);
  };

  for (let before: Program | null = null; before !== best.program && evaluations < maxEvaluations; ) {
    before = best.program;
    deletion();
    replacement();
    inlining();
    explicitCollection();
    geometry();
  }

  // Renaming never changes what a program does; should the predicate still disagree (a flaky failure),
  // the un-renamed program, the one seen to fail, is kept.
  run({ ...best.program, statements: stripLocations(renameCanonically(best.program.statements)) });
  return { program: best.program, divergence: best.divergence, evaluations };
}

function stripLocations(statements: Statement[]): Statement[] {
  return statements.map(({ loc: _loc, ...s }) => s as Statement);
}
