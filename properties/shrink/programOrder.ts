/*
 * The order the shrinker descends: shortlex, as in Hypothesis. A program is simpler than another when
 * it has fewer statements, or as many and a lower total cost; a statement's cost counts its operands
 * and how far each literal or kind is from the plainest one (`[]` before `Obj()` before `Lazarus()`,
 * `del x` before `x = None` before `x = y`, `gc.collect()` before `gc.collect(1)`, no callback before a
 * callback, CPython's geometry before a scaled-down one).
 *
 * The shrinker accepts a candidate only when it is strictly simpler in this order, and the order is
 * well-founded (both parts are natural numbers), so every shrink terminates, whatever mix of deletions
 * and replacements it tries; and two programs that fail the same way converge on the same minimum
 * more often, because both descend along the same order.
 */
import { CPYTHON_GEOMETRY, type Program, type Statement } from '../../language/ast.js';

const CLASS_COST = { Obj: 0, Fin: 1, Lazarus: 2 } as const;
const SLOT_COST = { a: 0, b: 1, c: 2 } as const;

export function statementCost(s: Statement): number {
  switch (s.kind) {
    case 'newList':
      return 1 + s.items.length;
    case 'newTuple':
      return 2 + s.items.length;
    case 'newDict':
      return 2 + s.entries.length;
    case 'newInstance':
      return 2 + CLASS_COST[s.cls];
    case 'newBytes':
      return s.size === 2 ? 1 : 2;
    case 'malloc':
    case 'realloc':
      return 2 + (s.size === 16 ? 0 : s.size % 16 === 0 ? 1 : 2) + (s.kind === 'realloc' ? 1 : 0);
    case 'bindNone':
      return 2;
    case 'rebind':
      return 3;
    case 'newWeakref':
      return 2 + (s.callback ? 1 : 0);
    case 'del':
      return s.names.length;
    case 'setSlot':
      return 2 + SLOT_COST[s.slot];
    case 'pop':
      return s.index === null ? 2 : 3;
    case 'collect':
      return s.explicitGeneration ? 2 + s.generation : 1;
    case 'setThreshold':
      return 3 + s.thresholds.length + s.thresholds.reduce((sum, t) => sum + t, 0);
    default:
      return 2;
  }
}

export function programCost(p: Program): number {
  const geometry = p.geometry.poolSize === CPYTHON_GEOMETRY.poolSize && p.geometry.arenaSize === CPYTHON_GEOMETRY.arenaSize ? 0 : 1;
  return p.statements.reduce((sum, s) => sum + statementCost(s), geometry);
}

/** Whether `a` comes strictly before `b` in the shrink order. */
export function simplerThan(a: Program, b: Program): boolean {
  if (a.statements.length !== b.statements.length) return a.statements.length < b.statements.length;
  return programCost(a) < programCost(b);
}
