/*
 * Comparing one statement's trace lines under the weaker contract levels (docs/contract-levels.md);
 * `cpython` is compareTrace.ts. By the time this runs the model has adopted the engine's deaths that
 * adoption.ts accepted, so what is left to compare is what the level says the model decides itself:
 *
 *   refcount      the frees, finalizers and callbacks of the statement, exactly (the model's own refcount
 *                 deaths and full collections, and the phases it ran on each adopted collection), but for
 *                 the callbacks adoption.ts tolerates; per object: presence, refcount, finalized flag.
 *   reachability  the frees, finalizers and callbacks are the engine's by construction; per object:
 *                 presence and the finalized flag.
 *
 * Never compared here: collections' records, counts, generations, tracking, sizes, addresses, freelist
 * order, tracemalloc, pages.
 */
import type { ObjectSnapshot, TraceLine } from '../../contract/trace.js';
import type { ContractLevel } from '../invariants/invariantEntry.js';
import { reachableWithoutGarbageList, type CompareContext } from './compareTrace.js';
import type { Diverge, Divergence } from './divergence.js';

const minus = (a: readonly number[], b: readonly number[]) => a.filter((id) => !b.includes(id));

export function compareAtLevel(
  level: Exclude<ContractLevel, 'cpython'>, m: TraceLine, i: TraceLine, ctx: CompareContext,
  adopted: { tolerated: ReadonlySet<number>; collected: ReadonlySet<number> }, diverge: Diverge,
): Divergence | null {
  const { tolerated } = adopted;
  const heap = ctx.model.heap;
  const twice = i.finalized.filter((id, k) => ctx.finalizedBefore.has(id) || i.finalized.indexOf(id) !== k);
  if (twice.length > 0) return diverge('finalizer-at-most-once', `finalized [${i.finalized}]: ${[...new Set(twice)].join(', ')} a second time`, twice);

  const s = ctx.statement;
  const fullCollection = s.kind === 'collect' && s.generation === 2;
  const extraFreed = minus(i.freed, m.freed);
  if (extraFreed.length > 0) {
    const reachable = heap.reachableFromRoots();
    const kept = extraFreed.filter((id) => reachable.has(id));
    const withoutGarbage = kept.length > 0 ? reachableWithoutGarbageList(ctx.model) : null;
    const saved = kept.filter((id) => !withoutGarbage!.has(id));
    if (saved.length > 0) return diverge('saveall-keeps-garbage', `freed ${saved.join(', ')}, which gc.garbage holds`, saved);
    if (kept.length > 0) return diverge('reachable-never-freed', `freed ${kept.join(', ')}, which the roots still reach`, kept);
    return diverge(fullCollection ? 'full-collect-is-complete' : 'collect-frees-exactly-young-garbage', `freed ${extraFreed.join(', ')}, which the model keeps`, extraFreed);
  }
  const keptAlive = minus(m.freed, i.freed);
  if (keptAlive.length > 0) {
    const message = `did not free ${keptAlive.join(', ')}`;
    if (fullCollection) return diverge('full-collect-is-complete', message, keptAlive);
    // What the model freed outside an adopted collection's garbage, it freed by refcount.
    return diverge(keptAlive.some((id) => adopted.collected.has(id)) ? 'collect-frees-exactly-young-garbage' : 'refcount-death-is-prompt', message, keptAlive);
  }
  const extraFinalized = minus(i.finalized, m.finalized);
  const missingFinalized = minus(m.finalized, i.finalized);
  if (extraFinalized.length > 0 || missingFinalized.length > 0) {
    const reachable = heap.reachableFromRoots();
    const ids = [...extraFinalized, ...missingFinalized];
    const message = `finalized [${i.finalized}], expected [${m.finalized}]`;
    if (extraFinalized.some((id) => reachable.has(id) && !heap.revived.includes(id))) return diverge('reachable-never-freed', message, ids);
    return diverge('finalizer-at-most-once', message, ids);
  }
  const extraCallbacks = minus(i.callbacks, m.callbacks).filter((id) => !tolerated.has(id));
  if (extraCallbacks.length > 0) {
    return diverge('callback-only-if-weakref-reachable', `called back ${extraCallbacks.join(', ')}; expected [${m.callbacks}]`, extraCallbacks);
  }
  const missingCallbacks = minus(m.callbacks, i.callbacks);
  if (missingCallbacks.length > 0) return diverge('weakref-cleared-before-finalizers', `did not call back ${missingCallbacks.join(', ')}`, missingCallbacks);
  // A tolerated callback is adopted: the weakref is cleared in the model as in the engine.
  for (const id of i.callbacks) {
    const w = heap.objects.get(id);
    if (w?.type === 'weakref' && tolerated.has(id)) w.referent = null;
  }
  if (m.objects && i.objects) return compareObjectsAtLevel(level, m.objects, i.objects, ctx, diverge);
  return null;
}

/** The snapshots, object by object: presence, the finalized flag, and at the refcount level the refcount. */
function compareObjectsAtLevel(
  level: Exclude<ContractLevel, 'cpython'>, model: ObjectSnapshot[], impl: ObjectSnapshot[], ctx: CompareContext, diverge: Diverge,
): Divergence | null {
  const byId = new Map(impl.map((o) => [o.id, o]));
  for (const mo of model) {
    const io = byId.get(mo.id);
    if (!io) {
      const reachable = ctx.model.heap.reachableFromRoots().has(mo.id);
      return diverge('reachable-never-freed', `${mo.type} ${mo.id} is gone${reachable ? '' : ', and no trace line reported it freed'}`, [mo.id]);
    }
    if (level === 'refcount' && io.refcount !== mo.refcount) {
      return diverge('refcount-equals-referrers', `${mo.type} ${mo.id} has refcount ${io.refcount}, but ${mo.refcount} referrers`, [mo.id]);
    }
    if (io.finalized !== mo.finalized) return diverge('finalizer-at-most-once', `${mo.type} ${mo.id} finalized flag is ${io.finalized}`, [mo.id]);
    byId.delete(mo.id);
  }
  const extra = [...byId.keys()];
  if (extra.length === 0) return null;
  if (level === 'refcount') return diverge('refcount-death-is-prompt', `objects ${extra.join(', ')} should be gone`, extra);
  return diverge('reachable-never-freed', `objects ${extra.join(', ')} are alive, but the engine reported them freed or the model never made them`, extra);
}
