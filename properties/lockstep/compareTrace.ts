/*
 * Comparing one statement's trace lines, the model's and the implementation's, and naming the
 * invariant a difference breaks.
 *
 * Order of the checks. First what the implementation did that must never happen, whatever else went
 * wrong: a finalizer run a second time (in this statement or before), a collection that counted as
 * garbage what the model's finalizers resurrected, an object freed that the model keeps (saved in
 * gc.garbage, frozen, or reachable), a callback of a weakref the model cleared without one. Then
 * collections whose numbers alone differ: when the statement otherwise agrees in everything (frees,
 * finalizers, callbacks, counts, every object's state), the collector did the right thing and
 * reported it wrong (`stats-match-collections`). Then the collections: a wrong collection explains the
 * wrong frees that follow from it. Then the remaining differences of frees, finalizers, callbacks and
 * counts; then each object's state (compareObjects.ts: where an object a full collection left in a
 * younger generation was never examined by it, `full-collect-is-complete`, and a new object's freelist
 * memory must be that of the object of its kind freed last, `freed-block-reused-lifo`); last,
 * tracemalloc's traced memory and per-line statistics, which every earlier difference would also
 * disturb, and the pages written since a fork. Under a profile whose automatic collections are
 * scheduled, whether one is pending is compared with the counts (`threshold-triggering`).
 * A plug-in that reports no `traced` (or `pagesWritten`) is not compared on it (optional for plug-ins).
 * Pages depend on addresses, which the model takes from its own naive allocator: they agree with the
 * implementation's unless a collection frees garbage in an order the model does not know (it clears in
 * creation order, CPython in its list order: a relaxation) and the free lists diverge. So pages are
 * compared while every live object the model places sits at the implementation's address.
 */
import type { Statement } from '../../language/ast.js';
import { childrenOf } from '../../model/machine/heap.js';
import type { ModelMachine } from '../../model/machine/machine.js';
import type { ObjectSnapshot, TraceLine } from '../../contract/trace.js';
import { compareObjects } from './compareObjects.js';
import type { Diverge, Divergence } from './divergence.js';

export interface CompareContext {
  statement: Statement;
  step: number;
  /** The model after the statement, to tell reachable objects from garbage. */
  model: ModelMachine;
  /** The highest id that existed before the statement. */
  idsBefore: number;
  /** Ids finalized before the statement. */
  finalizedBefore: Set<number>;
  /** The implementation's address of an object as last seen in a snapshot (freelist order), if known. */
  addressBefore?: (id: number) => number | undefined;
}

/** Shared by every `missing` with nothing to report (the usual case): never written to. */
const NOTHING: number[] = Object.freeze([]) as unknown as number[];
const missing = (from: number[], other: number[]) => (from.length === 0 ? NOTHING : from.filter((id) => !other.includes(id)));

/** a.join() === b.join(), without the strings when the numbers are the same (the usual case). */
const sameJoined = (a: readonly number[], b: readonly number[]): boolean => {
  if (a.length === b.length) {
    let k = 0;
    while (k < a.length && a[k] === b[k]) k++;
    if (k === a.length) return true;
  }
  return a.join() === b.join();
};

/** JSON.stringify(m.collections) === JSON.stringify(i.collections), without the strings when both are empty (the usual case). */
const sameCollections = (m: TraceLine, i: TraceLine): boolean =>
  (m.collections.length === 0 && i.collections.length === 0) || JSON.stringify(m.collections) === JSON.stringify(i.collections);

export function compareTrace(m: TraceLine, i: TraceLine, ctx: CompareContext): Divergence | null {
  const diverge: Diverge = (invariant, message, objects = []) => ({
    invariant, step: ctx.step, line: m.line, message, objects,
  });
  const s = ctx.statement;

  const never = neverAllowed(m, i, ctx, diverge);
  if (never) return never;

  const misreported = misreportedCollections(m, i, ctx);
  if (misreported) return diverge('stats-match-collections', misreported);

  if (!sameCollections(m, i)) {
    const mc = JSON.stringify(m.collections);
    const ic = JSON.stringify(i.collections);
    const sameShape = m.collections.length === i.collections.length &&
      m.collections.every((c, k) => c.generation === i.collections[k].generation);
    const message = `collections ${ic}, expected ${mc}`;
    if (!sameShape) return diverge(s.kind === 'collect' ? 'stats-match-collections' : 'threshold-triggering', message);
    const full = m.collections.some((c, k) => c.generation === 2 && c.collected !== i.collections[k].collected);
    return diverge(full ? 'full-collect-is-complete' : 'collect-frees-exactly-young-garbage', message);
  }

  const extraFreed = missing(i.freed, m.freed);
  if (extraFreed.length > 0) {
    return diverge('collect-frees-exactly-young-garbage', `freed ${extraFreed.join(', ')}, which the model keeps`, extraFreed);
  }
  const keptAlive = missing(m.freed, i.freed);
  if (keptAlive.length > 0) {
    const message = `did not free ${keptAlive.join(', ')}`;
    if (m.collections.length === 0) return diverge('refcount-death-is-prompt', message, keptAlive);
    const full = m.collections.some((c) => c.generation === 2);
    return diverge(full ? 'full-collect-is-complete' : 'collect-frees-exactly-young-garbage', message, keptAlive);
  }

  const extraFinalized = missing(i.finalized, m.finalized);
  const missingFinalized = missing(m.finalized, i.finalized);
  if (extraFinalized.length > 0 || missingFinalized.length > 0) {
    const ids = [...extraFinalized, ...missingFinalized];
    const message = `finalized [${i.finalized}], expected [${m.finalized}]`;
    const reachable = ctx.model.heap.reachableFromRoots();
    if (extraFinalized.some((id) => !ctx.finalizedBefore.has(id) && reachable.has(id) && !ctx.model.heap.revived.includes(id))) {
      return diverge('reachable-never-freed', message, ids);
    }
    return diverge('finalizer-at-most-once', message, ids);
  }

  const extraCallbacks = missing(i.callbacks, m.callbacks);
  if (extraCallbacks.length > 0) {
    return diverge('callback-only-if-weakref-reachable', `called back ${extraCallbacks.join(', ')}; expected [${m.callbacks}]`, extraCallbacks);
  }
  const missingCallbacks = missing(m.callbacks, i.callbacks);
  if (missingCallbacks.length > 0) {
    return diverge('weakref-cleared-before-finalizers', `did not call back ${missingCallbacks.join(', ')}`, missingCallbacks);
  }

  if (!sameJoined(m.count, i.count)) return diverge('count-rules', `count (${i.count}), expected (${m.count})`);
  // A scheduled collection not yet run (3.12 on); a plug-in that does not say is not compared on it.
  if (i.pending !== undefined && (m.pending ?? false) !== i.pending) {
    return diverge('threshold-triggering', `a collection ${i.pending ? 'is' : 'is not'} pending; expected ${m.pending ? 'one' : 'none'}`);
  }

  if (m.objects && i.objects) {
    const d = compareObjects(m, i, ctx, diverge);
    if (d) return d;
  }
  return compareTraced(m, i, ctx.model.tracer.linesOpen, diverge) ?? comparePages(m, i, diverge);
}

/** fork: the same number of pages written since the fork, while the addresses agree. */
function comparePages(m: TraceLine, i: TraceLine, diverge: Diverge): Divergence | null {
  if (i.pagesWritten === undefined || m.pagesWritten === i.pagesWritten) return null;
  if (!m.objects || !i.objects || !sameAddresses(m.objects, i.objects)) return null;
  return diverge('pages-written-match-touches', `${i.pagesWritten} pages written since the fork, expected ${m.pagesWritten}`);
}

function sameAddresses(model: ObjectSnapshot[], impl: ObjectSnapshot[]): boolean {
  const at = new Map(impl.map((o) => [o.id, o.addr]));
  return model.every((o) => o.addr === undefined || at.get(o.id) === o.addr);
}

/**
 * tracemalloc: the same traced memory, and per program line the same bytes and blocks. While the model
 * cannot vouch for some block's line (Tracer.linesOpen: a freelist entry one collection pushed, taken in
 * an order the model leaves open), only the program lines' totals are compared.
 */
function compareTraced(m: TraceLine, i: TraceLine, linesOpen: boolean, diverge: Diverge): Divergence | null {
  if (i.traced === undefined && i.tracedLines === undefined) return null;
  if (JSON.stringify(m.traced) !== JSON.stringify(i.traced)) {
    return diverge('traced-memory-matches-live-blocks', `traced memory (current, peak) ${JSON.stringify(i.traced)}, expected ${JSON.stringify(m.traced)}`);
  }
  if (linesOpen) {
    const total = (l: TraceLine) => (l.tracedLines ?? []).reduce((t, s) => [t[0] + s.size, t[1] + s.count], [0, 0]).join();
    if (total(m) === total(i)) return null;
    return diverge('traced-memory-matches-live-blocks', `the program's lines hold (bytes, blocks) (${total(i)}), expected (${total(m)})`);
  }
  const lines = (l: TraceLine) => JSON.stringify(l.tracedLines ?? null);
  if (lines(m) !== lines(i)) {
    const byLine = new Map((i.tracedLines ?? []).map((s) => [s.line, s]));
    const first = (m.tracedLines ?? []).find((s) => JSON.stringify(byLine.get(s.line)) !== JSON.stringify(s));
    const about = first ? `line ${first.line} holds ${JSON.stringify(byLine.get(first.line) ?? null)}, expected ${JSON.stringify(first)}` : 'extra lines';
    return diverge('traced-memory-matches-live-blocks', `tracemalloc statistics ${lines(i)}, expected ${lines(m)}: ${about}`);
  }
  return null;
}

/**
 * The same collections with other numbers, while everything else about the statement agrees: the
 * collector freed, kept and finalized exactly the right objects and reported numbers that do not
 * describe what it did. Null when the collections agree or something else differs too.
 */
function misreportedCollections(m: TraceLine, i: TraceLine, ctx: CompareContext): string | null {
  if (sameCollections(m, i) || m.collections.length !== i.collections.length) return null;
  const mc = JSON.stringify(m.collections);
  const ic = JSON.stringify(i.collections);
  if (!m.collections.every((c, k) => c.generation === i.collections[k].generation)) return null;
  if (!m.objects || !i.objects) return null; // without snapshots "everything else agrees" is not known
  if (compareTrace({ ...m, collections: i.collections }, i, ctx) !== null) return null;
  return `collections ${ic}, expected ${mc}; the statement freed, finalized and kept exactly the expected objects`;
}


/** What the implementation did that is wrong whatever else differs: these name the failure first. */
function neverAllowed(m: TraceLine, i: TraceLine, ctx: CompareContext, diverge: Diverge): Divergence | null {
  const heap = ctx.model.heap;
  const twice = i.finalized.length === 0 ? NOTHING : i.finalized.filter((id, k) => ctx.finalizedBefore.has(id) || i.finalized.indexOf(id) !== k);
  if (twice.length > 0) {
    return diverge('finalizer-at-most-once', `finalized [${i.finalized}]: ${[...new Set(twice)].join(', ')} a second time`, [...new Set(twice)]);
  }

  // The same collections, but the implementation counted as garbage what the model's finalizers resurrected.
  const sameShape = m.collections.length === i.collections.length &&
    m.collections.every((c, k) => c.generation === i.collections[k].generation);
  const collected = (line: TraceLine) => line.collections.reduce((n, c) => n + c.collected, 0);
  if (sameShape && collected(i) > collected(m)) {
    const reachable = heap.reachableFromRoots();
    const resurrected = m.finalized.filter((id) => reachable.has(id));
    if (resurrected.length > 0) {
      return diverge('resurrection-keeps-reachable',
        `collections ${JSON.stringify(i.collections)}, expected ${JSON.stringify(m.collections)}: ${resurrected.join(', ')} were resurrected`, resurrected);
    }
  }

  const extraFreed = missing(i.freed, m.freed);
  if (extraFreed.length > 0) {
    const message = `freed ${extraFreed.join(', ')}, which the model keeps`;
    const reachable = heap.reachableFromRoots();
    const withoutGarbage = reachableWithoutGarbageList(ctx.model);
    const saved = extraFreed.filter((id) => reachable.has(id) && !withoutGarbage.has(id));
    if (saved.length > 0) return diverge('saveall-keeps-garbage', message, saved);
    const frozen = extraFreed.filter((id) => heap.objects.get(id)?.gen === 'permanent');
    if (frozen.length > 0) return diverge('frozen-never-collected', message, frozen);
    const kept = extraFreed.filter((id) => reachable.has(id));
    if (kept.length > 0) return diverge('reachable-never-freed', message, kept);
  }

  // A weakref the model cleared without calling back (it was garbage, or is gone) must stay silent.
  const silenced = i.callbacks.length === 0 ? NOTHING : missing(i.callbacks, m.callbacks).filter((id) => {
    const w = heap.objects.get(id);
    return w === undefined || (w.type === 'weakref' && w.referent === null);
  });
  if (silenced.length > 0) {
    return diverge('callback-only-if-weakref-reachable', `called back ${silenced.join(', ')}, which the model cleared without a callback`, silenced);
  }
  return null;
}

/** Ids reachable from the roots other than gc.garbage: names, `revived`, values in flight. */
export function reachableWithoutGarbageList(model: ModelMachine): Set<number> {
  const heap = model.heap;
  const stack: number[] = [];
  for (const b of heap.names.values()) if (b.kind === 'value' && b.value !== null) stack.push(b.value);
  stack.push(...heap.revived);
  for (const pending of heap.inFlight) for (const v of pending) if (v !== null) stack.push(v);
  const reached = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    const o = heap.objects.get(id);
    if (!o) continue;
    reached.add(id);
    for (const c of childrenOf(o)) if (c !== null) stack.push(c);
  }
  return reached;
}
