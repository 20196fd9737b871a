/*
 * The shrinker's passes (shrinkProgram.ts runs them in a round, to a fixpoint). Each proposes
 * candidates through `ShrinkState.attempt`, which runs only those strictly simpler than the best
 * program in the shrink order (programOrder.ts) and keeps the first that fails the same way; a pass
 * re-reads `state.best` after every success, because a candidate is normalized and may have lost more
 * statements than the pass removed.
 */
import { CPYTHON_GEOMETRY, type AllocatorGeometry, type Statement } from '../../language/ast.js';
import { mapNames, operandNames, targetName, walkBoundNames } from '../../language/operands.js';
import { printStatement } from '../../language/print.js';
import { blocksToObjects, type ObjectSpelling } from './blocksToObjects.js';
import { containerToList } from './containersToLists.js';
import { inlineRebind } from './inlineRebind.js';
import { deleteAndRespellPass, foldAppendPass, liveNamesAt, respellPairsPass } from './respellPasses.js';
import { LOCAL_STEPS, classStartBelow, numberSlots, oneStepSimpler, smallerCandidates, withNumber, type NumberSlot } from './numberLiterals.js';
import { simplerThan } from './programOrder.js';
import type { ShrinkState } from './shrinkProgram.js';
import { simplerVariants } from './simplerStatements.js';

export type ShrinkPass = (state: ShrinkState) => void;

/**
 * The passes that only choose between spellings of one program — names, the order of statements —
 * are quadratic in its length, and two routes to one bug meet at a short program if at all: above
 * this many statements they are left out.
 */
const FINE_PASSES_MAX = 12;

/**
 * The statements after the failing one dropped (the lockstep check of step k has run only statements
 * 1..k, so they cannot matter to it), then ddmin: runs of statements dropped, the run length halved
 * down to single statements.
 */
export const deletionPass: ShrinkPass = (state) => {
  if (state.failingStep < state.best.statements.length) state.attempt(state.best.statements.slice(0, state.failingStep));
  for (let length = Math.max(1, state.best.statements.length >> 1); length >= 1; length >>= 1) {
    for (let start = 0; start < state.best.statements.length && !state.exhausted; ) {
      const current = state.best.statements;
      if (!state.attempt([...current.slice(0, start), ...current.slice(start + length)])) start += length;
    }
  }
};

/** For each statement, whether its target is bound before it (it then drops an old value). */
function targetsBound(statements: readonly Statement[]): boolean[] {
  const out: boolean[] = [];
  walkBoundNames(statements, (i, bound) => {
    if (i === statements.length) return;
    const target = targetName(statements[i]);
    out.push(target !== null && bound.includes(target));
  });
  return out;
}

/**
 * Statements alike but for their names, together, then each statement by its simpler spellings,
 * simplest first. A statement repeated ALIKE_RUN times or more (a chain `v0 = [v0]` that overflows a
 * freelist) is offered its spellings only together: one at a time they cost an evaluation each for
 * every copy, and a failure that needs the run needs every copy of it.
 */
export const kindPass: ShrinkPass = (state) => {
  alikePass(state);
  for (let i = 0; i < state.best.statements.length && !state.exhausted; i++) {
    const current = state.best.statements;
    if (alikeCount(current, i) >= ALIKE_RUN) continue;
    const bound = targetsBound(current);
    for (const variant of simplerVariants(current[i], { targetBound: bound[i], freshName: freshNames(current, 1)[0] })) {
      if (state.attempt(current.map((s, k) => (k === i ? variant : s)))) {
        i--; // the new statement may simplify further
        break;
      }
    }
  }
};

const ALIKE_RUN = 8;

/** `count` names no statement of the program uses (candidates are renamed canonically, so any will do). */
export function freshNames(statements: readonly Statement[], count: number): string[] {
  const used = new Set(statements.flatMap((s) => [...operandNames(s), ...(targetName(s) === null ? [] : [targetName(s)!])]));
  const out: string[] = [];
  for (let k = 0; out.length < count; k++) if (!used.has(`fresh${k}`)) out.push(`fresh${k}`);
  return out;
}
const alikeKey = (s: Statement) => printStatement(mapNames(s, () => '_'));
const alikeCount = (statements: readonly Statement[], i: number) => {
  const key = alikeKey(statements[i]);
  return statements.filter((s) => alikeKey(s) === key).length;
};

/** Statements equal but for their names (`a = bytes(240)`, `b = bytes(240)`) offered each simpler spelling together. */
function alikePass(state: ShrinkState): void {
  for (let progress = true; progress && !state.exhausted; ) {
    progress = false;
    const current = state.best.statements;
    const groups = new Map<string, number[]>();
    current.forEach((s, k) => {
      const key = alikeKey(s);
      groups.set(key, [...(groups.get(key) ?? []), k]);
    });
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const bound = targetsBound(current);
      const fresh = freshNames(current, members.length);
      const variants = members.map((k, m) => simplerVariants(current[k], { targetBound: bound[k], freshName: fresh[m] }));
      for (let v = 0; v < variants[0].length && !progress; v++) {
        progress = state.attempt(current.map((s, k) => (members.includes(k) ? variants[members.indexOf(k)][v] ?? s : s)));
      }
      if (progress) break;
    }
  }
}

const SPELLINGS: readonly ObjectSpelling[] = ['list', 'instance', 'bytes'];

/** Raw blocks into objects with their frees into dels: every block of one size together, then each alone. */
export const blockPass: ShrinkPass = (state) => {
  for (let progress = true; progress && !state.exhausted; ) {
    progress = false;
    const current = state.best.statements;
    const bySize = new Map<number, number[]>();
    current.forEach((s, k) => {
      if (s.kind === 'malloc') bySize.set(s.size, [...(bySize.get(s.size) ?? []), k]);
    });
    const groups = [...bySize.values()].flatMap((members) => (members.length > 1 ? [members, ...members.map((k) => [k])] : [members]));
    search: for (const members of groups) {
      for (const spelling of SPELLINGS) {
        const candidate = blocksToObjects(current, members, spelling);
        if (candidate && state.attempt(candidate)) {
          progress = true;
          break search;
        }
      }
    }
  }
};

/** Instances and dicts, with their stores and removals, into lists with appends and pops. */
export const containerPass: ShrinkPass = (state) => {
  for (let i = 0; i < state.best.statements.length && !state.exhausted; i++) {
    const listed = containerToList(state.best.statements, i);
    if (listed && state.attempt(listed)) i--;
  }
};

/**
 * Each value bound to another name where that is simpler to read: to a name already bound whose value
 * is never read again (a rebinding, which drops it there rather than at the teardown). The reads of the
 * value follow it to its new name.
 */
export const namePass: ShrinkPass = (state) => {
  if (state.best.statements.length > FINE_PASSES_MAX) return;
  for (let i = 0; i < state.best.statements.length && !state.exhausted; i++) {
    const current = state.best.statements;
    const target = targetName(current[i]);
    if (target === null) continue;
    for (const other of deadNamesAt(current, i)) {
      if (other === target || state.exhausted) continue;
      if (state.attempt(rebindTo(current, i, target, other))) break;
    }
  }
};

/**
 * Names bound before statement `i` and never read after it (before they are bound again), in order of
 * binding. Statement `i` itself may read one: Python evaluates its operands before it binds.
 */
function deadNamesAt(statements: readonly Statement[], i: number): string[] {
  const bound = liveNamesAt(statements, i);
  return bound.filter((name) => {
    for (const s of statements.slice(i + 1)) {
      // A `del` of it is no read of its value: rebinding it earlier drops the value there instead.
      if (s.kind !== 'del' && operandNames(s).includes(name)) return false;
      if (targetName(s) === name) return true;
    }
    return true;
  });
}

/** Statement `i` binds `to` instead of `from`; later reads of `from` read `to`, until either is bound again or deleted. */
function rebindTo(statements: readonly Statement[], i: number, from: string, to: string): Statement[] {
  const out = statements.slice(0, i);
  out.push({ ...mapNames(statements[i], (n) => n), target: to } as Statement);
  let redirecting = true;
  for (const s of statements.slice(i + 1)) {
    if (!redirecting) {
      out.push(s);
      continue;
    }
    const t = targetName(s);
    if (s.kind === 'del') {
      // `to`'s own old value was dropped at `i`: its later `del` goes, and `from`'s becomes `to`'s.
      const names = [...new Set(s.names.filter((n) => n !== to).map((n) => (n === from ? to : n)))];
      if (names.length > 0) out.push({ kind: 'del', names });
      if (s.names.includes(from) || s.names.includes(to)) redirecting = false;
      continue;
    }
    out.push(t === null ? mapNames(s, (n) => (n === from ? to : n)) : ({ ...mapNames(s, (n) => (n === from ? to : n)), target: t } as Statement));
    if (t === from || t === to) redirecting = false;
  }
  return out;
}

/**
 * One read of a name replaced by a read of another name bound then, simpler to print (`v0.append(v1)`
 * → `v0.append(v0)`): a value read once may be any value, and then the statement that made it can be
 * deleted.
 */
export const operandPass: ShrinkPass = (state) => {
  if (state.best.statements.length > FINE_PASSES_MAX) return;
  for (let i = 0; i < state.best.statements.length && !state.exhausted; i++) {
    const current = state.best.statements;
    if (current[i].kind === 'del') continue;
    const live = liveNamesAt(current, i);
    for (const name of new Set(operandNames(current[i]))) {
      for (const other of live) {
        if (other === name || state.exhausted) continue;
        const candidate = current.map((s, k) => (k === i ? withOperand(s, name, other) : s));
        if (simplerThan({ ...state.best, statements: candidate }, state.best) && state.attempt(candidate)) return;
      }
    }
  }
};

/** `s` with its reads of `from` reading `to` (its binding, if any, unchanged). */
function withOperand(s: Statement, from: string, to: string): Statement {
  const t = targetName(s);
  const renamed = mapNames(s, (n) => (n === from ? to : n));
  return t === null ? renamed : ({ ...renamed, target: t } as Statement);
}

/** Two adjacent `del` statements as one (`del a` then `del b` is `del a, b`): a statement fewer. */
export const mergeDelsPass: ShrinkPass = (state) => {
  for (let i = 0; i + 1 < state.best.statements.length && !state.exhausted; i++) {
    const [a, b] = [state.best.statements[i], state.best.statements[i + 1]];
    if (a.kind !== 'del' || b.kind !== 'del') continue;
    const merged: Statement = { kind: 'del', names: [...a.names, ...b.names] };
    if (state.attempt([...state.best.statements.slice(0, i), merged, ...state.best.statements.slice(i + 2)])) i--;
  }
};

/** `t = s` inlined: deleted, later reads of t redirected to s. */
export const aliasPass: ShrinkPass = (state) => {
  for (let i = 0; i < state.best.statements.length && !state.exhausted; i++) {
    const inlined = inlineRebind(state.best.statements, i);
    if (inlined && state.attempt(inlined)) i--;
  }
};

const EXPLICIT_COLLECTIONS: Statement[] = [
  { kind: 'collect', generation: 2, explicitGeneration: false },
  { kind: 'collect', generation: 0, explicitGeneration: true },
  { kind: 'collect', generation: 1, explicitGeneration: true },
];

/**
 * An automatic-collection route (`gc.set_threshold(…)` and the allocations that trip it) replaced by
 * one explicit collection at some later point; deletion then drops the allocations that were only there
 * to trip the threshold.
 */
export const collectionPass: ShrinkPass = (state) => {
  for (let i = 0; i < state.best.statements.length && !state.exhausted; i++) {
    if (state.best.statements[i].kind !== 'setThreshold') continue;
    const rest = state.best.statements.filter((_, k) => k !== i);
    search: for (let at = rest.length; at >= i; at--) {
      for (const collect of EXPLICIT_COLLECTIONS) {
        if (state.attempt([...rest.slice(0, at), collect, ...rest.slice(at)])) break search;
      }
    }
  }
};

/**
 * Each number to the smallest value that keeps the failure (numberLiterals.ts): equal numbers of one
 * kind together first, then each alone. Restarts whenever a candidate lost statements (the slots moved).
 */
export const numberPass: ShrinkPass = (state) => {
  for (let restart = true; restart && !state.exhausted; ) {
    restart = false;
    const slots = numberSlots(state.best.statements);
    const equal = new Map<string, NumberSlot[]>();
    for (const slot of slots) equal.set(`${slot.domain}:${slot.value}`, [...(equal.get(`${slot.domain}:${slot.value}`) ?? []), slot]);
    const groups = [...[...equal.values()].filter((g) => g.length > 1), ...slots.map((slot) => [slot])];
    for (const group of groups) {
      const length = state.best.statements.length;
      lowerNumbers(state, group);
      if (state.best.statements.length !== length) {
        restart = true;
        break;
      }
    }
  }
};

function lowerNumbers(state: ShrinkState, group: NumberSlot[]): void {
  const { domain } = group[0];
  const length = state.best.statements.length;
  const valueAt = (slot: NumberSlot) =>
    numberSlots([state.best.statements[slot.statement]]).find((x) => x.position === slot.position && x.domain === domain)?.value;
  const start = valueAt(group[0]);
  if (start === undefined || group.some((slot) => valueAt(slot) !== start)) return;
  const set = (value: number) => {
    if (state.best.statements.length !== length) return false;
    const members = new Map(group.map((slot) => [slot.statement, slot]));
    return state.attempt(state.best.statements.map((s, k) => (members.has(k) ? withNumber(s, members.get(k)!, value) : s)));
  };
  const tried = new Set<number>([start]);
  let value = start;
  for (const candidate of smallerCandidates(domain, start)) {
    if (state.exhausted) return;
    tried.add(candidate);
    if (set(candidate)) {
      value = candidate;
      break;
    }
  }
  const first = classStartBelow(domain, value);
  if (first !== null && !tried.has(first) && !state.exhausted) {
    tried.add(first);
    if (set(first)) value = first;
  }
  for (let step = 0; step < LOCAL_STEPS && !state.exhausted; step++) {
    const below = oneStepSimpler(domain, value);
    if (below === null || tried.has(below)) return;
    tried.add(below);
    if (!set(below)) return;
    value = below;
  }
}

const POOL_SIZES = [1024, 2048, 4096, 8192, 16384];

/** CPython's geometry, else the smallest pool, then the smallest arena, that keep the failure. */
export const geometryPass: ShrinkPass = (state) => {
  const g = state.best.geometry;
  if (g.poolSize === CPYTHON_GEOMETRY.poolSize && g.arenaSize === CPYTHON_GEOMETRY.arenaSize) return;
  if (state.attempt(state.best.statements, CPYTHON_GEOMETRY)) return;
  const pools = g.arenaSize / g.poolSize;
  for (const poolSize of POOL_SIZES.filter((p) => p < g.poolSize)) {
    if (state.attempt(state.best.statements, { poolSize, arenaSize: poolSize * pools })) break;
  }
  const now: AllocatorGeometry = state.best.geometry;
  for (let arenaSize = 2 * now.poolSize; arenaSize < now.arenaSize && !state.exhausted; arenaSize *= 2) {
    if (state.attempt(state.best.statements, { poolSize: now.poolSize, arenaSize })) break;
  }
};

/**
 * Adjacent statements swapped where that puts them in the normal order (a lower shape first, or as
 * low and with smaller numbers), repeated while swaps are taken: bubble sort, with each swap checked
 * by running the candidate — two statements commute only when the failure says so.
 */
export const reorderPass: ShrinkPass = (state) => {
  if (state.best.statements.length > FINE_PASSES_MAX) return;
  for (let swapped = true; swapped && !state.exhausted; ) {
    swapped = false;
    for (let i = 0; i + 1 < state.best.statements.length && !state.exhausted; i++) {
      const current = state.best.statements;
      const candidate = [...current.slice(0, i), current[i + 1], current[i], ...current.slice(i + 2)];
      if (simplerThan({ ...state.best, statements: candidate }, state.best) && state.attempt(candidate)) swapped = true;
    }
  }
};

/**
 * Two names exchanged from statement `i` on (`del v1; v0 = x` ↔ `del v0; v1 = x`): which of two values a
 * later statement drops or reads, where the failure does not care, written the simpler way.
 */
export const swapNamesPass: ShrinkPass = (state) => {
  if (state.best.statements.length > FINE_PASSES_MAX) return;
  for (let i = 1; i < state.best.statements.length && !state.exhausted; i++) {
    const current = state.best.statements;
    const names = liveNamesAt(current, i);
    for (let a = 0; a < names.length && !state.exhausted; a++) {
      for (let b = a + 1; b < names.length && !state.exhausted; b++) {
        const swap = (n: string) => (n === names[a] ? names[b] : n === names[b] ? names[a] : n);
        const candidate = [...current.slice(0, i), ...current.slice(i).map((s) => mapNames(s, swap))];
        if (simplerThan({ ...state.best, statements: candidate }, state.best) && state.attempt(candidate)) return;
      }
    }
  }
};


/** At most this many numbers for the paired number pass (it is quadratic). */
const PAIRED_NUMBERS_MAX = 4;
/** Candidates of the first number of a pair tried, and of the second for each. */
const PAIRED_FIRST_CANDIDATES = 4;
const PAIRED_SECOND_CANDIDATES = 16;

/**
 * Two numbers of one kind lowered together where neither can be lowered alone: `malloc(17)` then
 * `realloc(m, 25)` fails only while the realloc stays in the block's in-place window, so 17 alone cannot
 * drop (25 no longer fits in place) nor 25 alone (it would leave the window); together they reach
 * `malloc(1)`, `realloc(m, 13)`. For the first few candidates of the first number, the second is lowered
 * as the number pass lowers one number, from the top of its candidates down to its smallest.
 */
export const pairedNumbersPass: ShrinkPass = (state) => {
  const slots = numberSlots(state.best.statements);
  if (slots.length < 2 || slots.length > PAIRED_NUMBERS_MAX) return;
  for (const first of slots) {
    for (const second of slots) {
      // Equal numbers are lowered together by the number pass already.
      if (second === first || second.domain !== first.domain || second.value === first.value || state.exhausted) continue;
      for (const c of smallerCandidates(first.domain, first.value).slice(0, PAIRED_FIRST_CANDIDATES)) {
        const statements = state.best.statements;
        const moved = statements.map((s, k) => (k === first.statement ? withNumber(s, first, c) : s));
        const seconds = [...smallerCandidates(second.domain, second.value), second.value].slice(0, PAIRED_SECOND_CANDIDATES);
        for (const d of seconds) {
          if (state.exhausted) return;
          if (state.attempt(moved.map((s, k) => (k === second.statement ? withNumber(s, second, d) : s)))) return;
        }
      }
    }
  }
};

/** At most this many statements for the collection-for-statements pass (it is quadratic). */
const COLLECTION_FOR_MAX = 10;

/**
 * One statement replaced by an explicit collection and another deleted: a threshold bug reached by
 * allocations that happen to zero a count (`v0 = []`, …, `v1 = []`) is reached by one `gc.collect(0)`.
 * Replacing alone is no step down (a collection is a higher kind than an allocation) and deleting alone
 * loses the failure; together they are one statement fewer.
 */
export const collectionForStatementsPass: ShrinkPass = (state) => {
  // Only where automatic collections are configured: elsewhere no count decides anything.
  if (state.best.statements.length > COLLECTION_FOR_MAX || !state.best.statements.some((s) => s.kind === 'setThreshold')) return;
  for (let i = 0; i < state.best.statements.length; i++) {
    for (const collect of EXPLICIT_COLLECTIONS) {
      for (let j = 0; j < state.best.statements.length; j++) {
        if (j === i || state.exhausted) continue;
        const current = state.best.statements;
        const candidate = current.map((s, k) => (k === i ? collect : s)).filter((_, k) => k !== j);
        if (state.attempt(candidate)) return;
      }
    }
  }
};

/**
 * Run when a round changed nothing, one at a time, the first that gains starting a new round: costlier
 * per step gained, and the numbers and the geometry are best lowered once the statements around them
 * have settled (each structural change would otherwise make them be tried again).
 */
export const FIXPOINT_PASSES: readonly ShrinkPass[] = [
  numberPass, geometryPass, namePass, operandPass, reorderPass, swapNamesPass, pairedNumbersPass, collectionForStatementsPass,
];

/**
 * The witness's fixpoint passes (witness.ts): the same, then the passes that cross from one route to
 * another by changing several statements at once (respellPasses.ts). They are the costliest per step
 * and only matter where routes must meet — the bug's witness, computed once per finding program —
 * so a finding's own shrink leaves them out.
 */
export const WITNESS_FIXPOINT_PASSES: readonly ShrinkPass[] = [...FIXPOINT_PASSES, deleteAndRespellPass, respellPairsPass];

/** One round, in this order: the cheap big steps first, the fine ones last. */
export const SHRINK_ROUND: readonly ShrinkPass[] = [
  deletionPass, mergeDelsPass, kindPass, blockPass, containerPass, foldAppendPass, aliasPass, collectionPass,
];
