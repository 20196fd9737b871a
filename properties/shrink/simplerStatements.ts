/*
 * Simpler spellings of one statement, for the shrinker's replacement pass (shrinkProgram.ts).
 *
 * After deletion, the same bug can still shrink to several programs that differ only in a literal or a
 * kind: `v0 = Fin()` where `v0 = []` would do, a tuple where a list would do, `gc.collect(1)` where
 * `gc.collect(0)` would do, `gc.set_threshold(2, 1, 1)` where `gc.set_threshold(1)` would do. Findings
 * are deduplicated by their shrunk text, so each of those would be a finding of its own. Like
 * Hypothesis's shrinker, which lowers every value towards a canonical one, each statement is offered
 * its simpler variants, simplest first; the shrinker keeps the first one under which the program still
 * fails the same way. Every variant keeps the statement's binding (its target), so the statements
 * after it stay valid as far as they can; the shrinker normalizes the rest away.
 *
 * Every variant is strictly simpler by programOrder.ts's statement cost: offering one never makes the
 * shrinker loop.
 */
import type { Statement } from '../../language/ast.js';

/**
 * Raw sizes: 16 (the first size class), else the multiple of 16 that ends the request's own class, so
 * that `malloc(1)`, `malloc(13)` and `malloc(16)` failing alike read the same (programOrder.ts ranks
 * them in this order).
 */
function canonicalSizes(size: number): number[] {
  if (size === 16) return [];
  const classEnd = (size + 15) & ~15;
  return size % 16 === 0 ? [16] : [16, ...(classEnd !== 16 && classEnd > 0 ? [classEnd] : [])];
}

export function simplerVariants(s: Statement): Statement[] {
  switch (s.kind) {
    case 'newInstance':
      return [{ kind: 'newList', target: s.target, items: [] }, ...(s.cls === 'Obj' ? [] : [{ ...s, cls: 'Obj' as const }])];
    case 'newList':
      // `x = [a, b]` → `x = []`, then one item fewer (from either end).
      if (s.items.length === 0) return [];
      return [{ ...s, items: [] }, ...(s.items.length > 1 ? [{ ...s, items: s.items.slice(0, -1) }, { ...s, items: s.items.slice(1) }] : [])];
    case 'newTuple':
      return [{ kind: 'newList', target: s.target, items: s.items }, ...(s.items.length > 1 ? [{ ...s, items: s.items.slice(0, -1) }] : [])];
    case 'newDict':
      return [{ kind: 'newList', target: s.target, items: s.entries.map(([, v]) => v) }];
    case 'newBytes':
      return s.size === 2 ? [] : [{ ...s, size: 2 }];
    case 'malloc':
    case 'realloc':
      return canonicalSizes(s.size).map((size) => ({ ...s, size }));
    case 'rebind':
      return [{ kind: 'del', names: [s.target] }, { kind: 'bindNone', target: s.target }];
    case 'bindNone':
      // Dropping the old value is what matters, mostly; where None itself is used, `del` is invalid and
      // the candidate fails differently.
      return [{ kind: 'del', names: [s.target] }];
    case 'newWeakref':
      return s.callback ? [{ ...s, callback: false }] : [];
    case 'del':
      return s.names.length > 1 ? s.names.map((_, i) => ({ ...s, names: s.names.filter((_n, k) => k !== i) })) : [];
    case 'setSlot':
      return s.slot === 'a' ? [] : [{ ...s, slot: 'a' }];
    case 'pop':
      return s.index === null || typeof s.index === 'string' ? [] : [{ ...s, index: null }];
    case 'collect':
      if (!s.explicitGeneration) return [];
      return [{ kind: 'collect', generation: 2, explicitGeneration: false }, ...(s.generation > 0 ? [{ ...s, generation: 0 as const }] : [])];
    case 'setThreshold': {
      const fewer = s.thresholds.length > 1 ? [{ ...s, thresholds: s.thresholds.slice(0, -1) }] : [];
      const lower = s.thresholds.some((t) => t > 1) ? [{ ...s, thresholds: s.thresholds.map((t) => Math.min(t, 1)) }] : [];
      const lowered = s.thresholds.flatMap((t, i) => (t > 0 ? [{ ...s, thresholds: s.thresholds.map((u, k) => (k === i ? t - 1 : u)) }] : []));
      return [...fewer, ...lower, ...lowered];
    }
    default:
      return [];
  }
}
