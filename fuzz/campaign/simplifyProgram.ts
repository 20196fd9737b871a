/*
 * After the shrinker has deleted all it can, the same bug can still shrink to several programs that
 * differ only in a literal: `v0 = Fin()` where `v0 = []` would do, a tuple where a list would do,
 * `gc.collect(1)` where `gc.collect(0)` would do, a scaled-down pool size that plays no part. Findings
 * are deduplicated by their shrunk text, so each of those would be a finding of its own. This pass
 * tries CPython's geometry, then statement by statement the simpler spelling — an empty list for an
 * instance, a list for any container, the smallest bytes, no weakref callback, `gc.collect()` then
 * generation 0, fewer and smaller thresholds — and keeps each change under which the program still
 * fails the same way
 * (Hypothesis's shrinker likewise lowers every value towards a canonical one). Changes are checked with
 * the same predicate as deletions and normalized, so the result is valid and still fails.
 */
import { CPYTHON_GEOMETRY, type Program, type Statement } from '../../model/language/ast.js';
import { normalizeStatements } from '../../model/language/normalize.js';
import type { Divergence } from '../../properties/lockstep/divergence.js';

/** Simpler spellings of a statement, simplest first. */
export function simplerVariants(s: Statement): Statement[] {
  switch (s.kind) {
    case 'newInstance':
      return [{ kind: 'newList', target: s.target, items: [] }, ...(s.cls === 'Obj' ? [] : [{ ...s, cls: 'Obj' as const }])];
    case 'newList':
      return s.items.length === 0 ? [] : [{ ...s, items: [] }, { ...s, items: s.items.slice(0, -1) }];
    case 'newTuple':
      return [{ kind: 'newList', target: s.target, items: s.items }];
    case 'newDict':
      return [{ kind: 'newList', target: s.target, items: s.entries.map(([, v]) => v) }];
    case 'newBytes':
      return s.size === 2 ? [] : [{ ...s, size: 2 }];
    case 'newWeakref':
      return s.callback ? [{ ...s, callback: false }] : [];
    case 'collect':
      if (!s.explicitGeneration) return [];
      return [{ kind: 'collect', generation: 2, explicitGeneration: false }, ...(s.generation > 0 ? [{ ...s, generation: 0 as const }] : [])];
    case 'setThreshold': {
      const fewer = s.thresholds.length > 1 ? [{ ...s, thresholds: s.thresholds.slice(0, -1) }] : [];
      const lower = s.thresholds.some((t) => t > 1) ? [{ ...s, thresholds: s.thresholds.map((t) => Math.min(t, 1)) }] : [];
      return [...fewer, ...lower];
    }
    default:
      return [];
  }
}

export function simplifyProgram(program: Program, fails: (p: Program) => Divergence | null, maxEvaluations = 300): { program: Program; evaluations: number } {
  const invariant = fails(program)?.invariant;
  let best = program;
  let evaluations = 1;
  if (best.geometry.poolSize !== CPYTHON_GEOMETRY.poolSize || best.geometry.arenaSize !== CPYTHON_GEOMETRY.arenaSize) {
    const candidate = { ...best, geometry: CPYTHON_GEOMETRY };
    evaluations++;
    if (fails(candidate)?.invariant === invariant) best = candidate;
  }
  for (let i = 0; i < best.statements.length && evaluations < maxEvaluations; i++) {
    for (const variant of simplerVariants(best.statements[i])) {
      if (evaluations >= maxEvaluations) break;
      const statements = normalizeStatements(best.statements.map((s, k) => (k === i ? variant : s)));
      const candidate = { ...best, statements };
      evaluations++;
      if (fails(candidate)?.invariant === invariant) {
        best = candidate;
        i--; // the new statement may simplify further
        break;
      }
    }
  }
  return { program: best, evaluations };
}
