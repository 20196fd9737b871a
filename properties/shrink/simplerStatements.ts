/*
 * Simpler spellings of one statement, for the shrinker's replacement passes (shrinkProgram.ts).
 *
 * After deletion, the same bug can still shrink to several programs that differ only in a kind: the
 * canary's free list is reached by `v0 = Obj()`, `v0 = bytes(17)` or `v0 = malloc(240)`, the old
 * value dropped by `v0 = []`, `v0 = weakref.ref(v0)` or `del v0`. Findings are deduplicated by their
 * shrunk text, so each would be a finding of its own. Like Hypothesis's shrinker, which lowers every
 * value towards a canonical one, each statement is offered every spelling of a lower shape
 * (programOrder.ts: `del` < `[]` < `Obj()` < `bytes(n)` < `malloc(n)` < …), simplest first; the
 * shrinker keeps the first under which the program still fails the same way.
 *
 * A variant keeps the statement's target, so the statements after it stay valid as far as they can,
 * and the shrinker normalizes the rest away (a `free(m)` after `m = []` is dropped). Changing a raw
 * block into an object *with* its `free` turned into `del` is blocksToObjects.ts's. Numbers are left
 * as they are: the number pass lowers them (numberLiterals.ts).
 *
 * Three spellings cross kinds. A statement costlier than a collection (a mutation, a gc setting) is
 * offered `gc.collect()`: many object-layer failures need a statement only to show at the next
 * collection, which the program's own `gc.collect()` or the teardown's would be (`v0 = []`,
 * `v0.append(v0)` and `v0 = []`, `gc.collect()` show one collector bug). A rebinding is offered a
 * *fresh* `[]` (a new name, so the old value stays alive): a chain `v0 = [v0]` repeated to fill a
 * freelist is the same bug as that many empty lists alive at once, and it is the cheaper spelling.
 * A slot is offered every lower slot (`.c` → `.a`, `.b`), since the lowest may be taken.
 *
 * Every variant is strictly simpler than its statement in the order's terms (programOrder.ts's
 * compareStatementShapes: a lower cost, or as low and a lower shape), so a program with one statement
 * replaced by a variant is simpler: offering one never makes the shrinker loop. That is also why a
 * `Lazarus()` is offered `bytes(2)`: a higher kind, but a lower cost.
 */
import type { Statement } from '../../language/ast.js';
import { compareStatementShapes } from './programOrder.js';

export interface StatementContext {
  /** The statement's target is bound before it (so the statement drops an old value, as `del` would). */
  targetBound: boolean;
  /** A name the program does not use, for a variant that binds a new name instead of dropping the old value. */
  freshName?: string;
}

const COLLECTION: Statement = { kind: 'collect', generation: 2, explicitGeneration: false };

/** Objects a binding may hold instead: a list (freed to its freelist), an instance and bytes (freed to pymalloc), a finalizer. */
function plainObjects(target: string): Statement[] {
  return [
    { kind: 'newList', target, items: [] }, { kind: 'newInstance', target, cls: 'Obj' }, { kind: 'newBytes', target, size: 2 },
    { kind: 'newInstance', target, cls: 'Fin' },
  ];
}

/** Items with one left out, each position once (a repeated name once per distinct result). */
function withoutOneItem(items: readonly string[]): string[][] {
  const out = new Map<string, string[]>();
  for (let k = 0; k < Math.min(items.length, MAX_ITEMS_DROPPED); k++) {
    const fewer = items.filter((_, j) => j !== k);
    out.set(fewer.join(), fewer);
  }
  return [...out.values()];
}

/** Positions tried for `withoutOneItem`: a long list is shortened from its first items. */
const MAX_ITEMS_DROPPED = 8;

function kindVariants(s: Statement): Statement[] {
  switch (s.kind) {
    case 'newInstance':
      return plainObjects(s.target);
    case 'newList':
      // `x = [a, b]` → `x = []`, then one item fewer (any one).
      if (s.items.length === 0) return [];
      return [{ ...s, items: [] }, ...withoutOneItem(s.items).map((items) => ({ ...s, items }))];
    case 'newTuple':
      return [{ kind: 'newList', target: s.target, items: s.items }, ...plainObjects(s.target),
        ...(s.items.length > 1 ? withoutOneItem(s.items).map((items) => ({ ...s, items })) : [])];
    case 'newDict':
      return [{ kind: 'newList', target: s.target, items: s.entries.map(([, v]) => v) }, ...plainObjects(s.target),
        ...(s.entries.length > 0 ? [{ ...s, entries: s.entries.slice(0, -1) }] : [])];
    case 'newBytes':
    case 'malloc':
      return plainObjects(s.target);
    case 'newWeakref':
      return [...plainObjects(s.target), ...(s.callback ? [{ ...s, callback: false }] : [])];
    case 'realloc':
      // The old block is left unfreed: where the move mattered, the candidate fails differently.
      return [{ kind: 'malloc', target: s.target, size: s.size }];
    case 'free':
      return [{ kind: 'del', names: [s.block] }];
    case 'rebind':
      return [{ kind: 'bindNone', target: s.target }];
    case 'bindNone':
      // Dropping the old value is what matters, mostly; where None itself is used, `del` is invalid and
      // the candidate fails differently. Where an atomic item is what matters, `bytes(2)` is cheaper.
      return [{ kind: 'del', names: [s.target] }, ...plainObjects(s.target)];
    case 'del':
      return s.names.length > 1 ? s.names.map((_, i) => ({ ...s, names: s.names.filter((_n, k) => k !== i) })) : [];
    case 'setSlot':
    case 'delSlot':
      return (['a', 'b'] as const).filter((slot) => slot < s.slot).map((slot) => ({ ...s, slot }));
    case 'pop':
      return s.index === null || typeof s.index === 'string' ? [] : [{ ...s, index: null }];
    case 'collect':
      return s.explicitGeneration ? [{ kind: 'collect', generation: 2, explicitGeneration: false }] : [];
    case 'setThreshold':
      return s.thresholds.length > 1 ? [{ ...s, thresholds: s.thresholds.slice(0, -1) }] : [];
    case 'setDebug':
      return s.saveAll ? [{ ...s, saveAll: false }] : [];
    default:
      return [];
  }
}

export function simplerVariants(s: Statement, context: StatementContext = { targetBound: false }): Statement[] {
  const variants = kindVariants(s);
  // A rebinding drops the old value: `del x` may be all the failure needs of it.
  const binds = 'target' in s && s.kind !== 'setSlot' && s.kind !== 'delSlot';
  if (context.targetBound && binds && s.kind !== 'bindNone') variants.push({ kind: 'del', names: [s.target] });
  if (context.targetBound && binds && context.freshName !== undefined) variants.push({ kind: 'newList', target: context.freshName, items: [] });
  variants.push(COLLECTION);
  const { loc: _loc, ...plain } = s;
  return variants.filter((v) => compareStatementShapes(v, plain as Statement) < 0).sort(compareStatementShapes);
}
