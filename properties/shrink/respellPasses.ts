/*
 * Passes that move between routes to one bug, for the shrinker (shrinkProgram.ts): each proposes
 * candidates that change more than one statement at once, where every single change on its own is a
 * step up the order (or loses the failure) and only the combination is a step down.
 *
 *   fold appends    `x = [a…]` … `x.append(y)` → `x = [a…, y]`, the append deleted: one statement
 *                   fewer. When y is bound after x, x's binding moves to just after y's, with the
 *                   statements in between that read x (in their order): `v0 = []; v1 = Obj();
 *                   v0.append(v0); v2 = weakref.ref(v1); v0.append(v2)` → `v1 = Obj(); v2 =
 *                   weakref.ref(v1); v0 = [v2]; v0.append(v0)`, a list cycle holding the weakref
 *                   however it was filled;
 *   delete and respell
 *                   a run of one or two statements deleted while another statement is respelled,
 *                   simpler or not (the program is shorter, so simpler): an object's binding as any
 *                   plain object (`[]`, `[x]`, `Obj()`, `Fin()`, `Lazarus()`, `bytes(2)`), a weakref
 *                   with or without its callback, a slot or a collection as another. `v0 = Fin();
 *                   v0.a = v0` (a finalizer in a cycle) and `v0 = Lazarus()` (a finalizer that
 *                   resurrects itself) reach one finalizer bug; only the two changes together turn
 *                   the first into the second. Likewise a garbage weakref seen when a new weakref
 *                   reuses it, and the same weakref seen calling back;
 *   respell pairs   on the shortest programs, two bindings respelled together (any plain object
 *                   each): `v0 = Lazarus(); v0 = bytes(2)` and `v0 = bytes(2); v0 = [v0]` fill and
 *                   empty one arena, and neither statement alone can be respelled into the other's.
 *
 * The last two are quadratic or worse in the statements and the spellings, so they run only on short
 * programs (RESPELL_MAX, PAIRS_MAX statements: two routes to one bug meet at a short program if at all),
 * and only in a witness's shrink (shrinkPasses.ts's WITNESS_FIXPOINT_PASSES): a finding's own program
 * needs to be small and canonical for its route; crossing routes is the witness's job. Folding appends
 * costs one candidate per append and runs in every shrink.
 * Every candidate goes through `ShrinkState.attempt`, so it is run only when it is simpler than the best
 * program, and kept only when it fails the same way: the passes never make the shrinker loop.
 */
import type { Statement } from '../../language/ast.js';
import { operandNames, targetName, walkBoundNames } from '../../language/operands.js';
import { printStatement } from '../../language/print.js';
import type { ShrinkState } from './shrinkProgram.js';

/** Statements at most, for deleting-and-respelling. */
const RESPELL_MAX = 8;
/** Statements at most, for respelling two bindings together. */
const PAIRS_MAX = 3;

const OBJECT_KINDS: ReadonlySet<Statement['kind']> = new Set(['newList', 'newInstance', 'newBytes', 'malloc', 'newTuple', 'newDict']);

/** Names bound before statement `i` and not deleted since, in order of binding. */
export function liveNamesAt(statements: readonly Statement[], i: number): string[] {
  let live: string[] = [];
  walkBoundNames(statements.slice(0, i), (k, bound) => {
    if (k === i) live = [...bound];
  });
  return live;
}

/**
 * Other spellings of statement `i`'s own kind, simpler or not, itself excluded: a weakref with and
 * without its callback, a slot by another slot, a collection of another generation.
 */
function siblingSpellings(s: Statement): Statement[] {
  switch (s.kind) {
    case 'newWeakref':
      return [{ ...s, callback: !s.callback }];
    case 'setSlot':
    case 'delSlot':
      return (['a', 'b', 'c'] as const).filter((slot) => slot !== s.slot).map((slot) => ({ ...s, slot }));
    case 'collect': {
      const collections: Statement[] = [
        { kind: 'collect', generation: 2, explicitGeneration: false },
        ...([0, 1, 2] as const).map((generation): Statement => ({ kind: 'collect', generation, explicitGeneration: true })),
      ];
      return collections.filter((c) => printStatement(c) !== printStatement(s));
    }
    default:
      return [];
  }
}

/** What statement `i` may be respelled as: any plain object for an object's binding, else its own kind's other spellings. */
function respellings(statements: readonly Statement[], i: number): Statement[] {
  return OBJECT_KINDS.has(statements[i].kind) ? objectSpellings(statements, i) : siblingSpellings(statements[i]);
}

/** The plain objects statement `i` (an object's binding) may bind instead, itself excluded; none for other statements. */
function objectSpellings(statements: readonly Statement[], i: number): Statement[] {
  const s = statements[i];
  if (!OBJECT_KINDS.has(s.kind)) return [];
  const target = targetName(s)!;
  const own = printStatement(s);
  const spellings: Statement[] = [
    { kind: 'newList', target, items: [] },
    ...liveNamesAt(statements, i).map((name): Statement => ({ kind: 'newList', target, items: [name] })),
    { kind: 'newInstance', target, cls: 'Obj' }, { kind: 'newInstance', target, cls: 'Fin' }, { kind: 'newInstance', target, cls: 'Lazarus' },
    { kind: 'newBytes', target, size: 2 },
  ];
  return spellings.filter((v) => printStatement(v) !== own);
}

export const foldAppendPass = (state: ShrinkState): void => {
  for (let j = 0; j < state.best.statements.length && !state.exhausted; j++) {
    const folded = foldAppend(state.best.statements, j);
    if (folded && state.attempt(folded)) j = -1; // statements moved: start over
  }
};

/** The program with the append at `j` folded into its list's binding; null when `j` is no append to a list literal of another value. */
export function foldAppend(statements: readonly Statement[], j: number): Statement[] | null {
  const append = statements[j];
  if (append.kind !== 'append' || append.item === append.list) return null;
  const bindingOf = (name: string) => {
    for (let k = j - 1; k >= 0; k--) if (targetName(statements[k]) === name) return k;
    return -1;
  };
  const i = bindingOf(append.list);
  const creation = statements[i];
  if (i < 0 || creation.kind !== 'newList') return null;
  const b = bindingOf(append.item);
  const literal: Statement = { ...creation, items: [...creation.items, append.item] };
  const without = (k: number) => k !== i && k !== j;
  if (b < i) return statements.map((s, k) => (k === i ? literal : s)).filter((_, k) => k !== j);
  // The list is made after the item: it and the statements reading it before the item's binding move there.
  const moves = (k: number) => k > i && k <= b && operandNames(statements[k]).includes(append.list);
  const kept = (from: number, to: number) => statements.slice(from, to).filter((_, k) => without(from + k) && !moves(from + k));
  return [...kept(0, b + 1), literal, ...statements.filter((_, k) => moves(k)), ...kept(b + 1, statements.length)];
}

export const deleteAndRespellPass = (state: ShrinkState): void => {
  const n = state.best.statements.length;
  if (n > RESPELL_MAX) return;
  const current = state.best.statements;
  for (let i = 0; i < n; i++) {
    for (const spelling of respellings(current, i)) {
      for (const length of [1, 2]) {
        for (let start = 0; start + length <= n; start++) {
          if (state.exhausted) return;
          if (i >= start && i < start + length) continue;
          const candidate = current.map((s, k) => (k === i ? spelling : s)).filter((_, k) => k < start || k >= start + length);
          if (state.attempt(candidate)) return;
        }
      }
    }
  }
};

export const respellPairsPass = (state: ShrinkState): void => {
  const n = state.best.statements.length;
  if (n > PAIRS_MAX) return;
  const current = state.best.statements;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (const first of [current[i], ...objectSpellings(current, i)]) {
        const respelled = current.map((s, k) => (k === i ? first : s));
        for (const second of objectSpellings(respelled, j)) {
          if (state.exhausted) return;
          if (state.attempt(respelled.map((s, k) => (k === j ? second : s)))) return;
        }
      }
    }
  }
};
