/*
 * Comparing one statement's two snapshots, the model's and the implementation's, object by object, and
 * naming the invariant a difference breaks: an object gone or still there, its refcount, its finalized
 * flag, its generation (tracked or not, new, frozen, left behind by a full collection, promoted), the
 * memory a freelist gave a new object, and `sys.getsizeof`. compareTrace calls it once the statement's
 * trace lines agree; objectsAgree.ts answers "everything agrees" without snapshots.
 */
import type { ObjectSnapshot, TraceLine } from '../../contract/trace.js';
import type { CompareContext } from './compareTrace.js';
import type { Diverge, Divergence } from './divergence.js';

export function compareObjects(m: TraceLine, i: TraceLine, ctx: CompareContext, diverge: Diverge): Divergence | null {
  const model = m.objects!;
  const impl = i.objects!;
  const fullCollection = m.collections.some((c) => c.generation === 2);
  // Both snapshots list the same ids in the same order (the usual case): pair them by index, which is what
  // the map would answer (the model's ids are distinct, so are the implementation's). Otherwise by id.
  let sameIds = model.length === impl.length;
  for (let k = 0; sameIds && k < model.length; k++) sameIds = model[k].id === impl[k].id;
  const byId = new Map<number, ObjectSnapshot>();
  if (!sameIds) for (const o of impl) byId.set(o.id, o);
  for (let k = 0; k < model.length; k++) {
    const mo = model[k];
    const io = sameIds ? impl[k] : byId.get(mo.id);
    if (!io) return diverge('reachable-never-freed', `object ${mo.id} is gone`, [mo.id]);
    const about = `${mo.type} ${mo.id}`;
    if (io.refcount !== mo.refcount) {
      return diverge('refcount-equals-referrers', `${about} has refcount ${io.refcount}, but ${mo.refcount} referrers`, [mo.id]);
    }
    if (io.finalized !== mo.finalized) return diverge('finalizer-at-most-once', `${about} finalized flag is ${io.finalized}`, [mo.id]);
    if (io.gen !== mo.gen) {
      const message = `${about} is in generation ${io.gen}, expected ${mo.gen}`;
      if (mo.gen === 'permanent' || io.gen === 'permanent') return diverge('frozen-never-collected', message, [mo.id]);
      // Tracked or not is a tracking decision, for new objects too (a dict literal is tracked by its inserts).
      if (mo.gen === null || io.gen === null) return diverge('tracking-rules', message, [mo.id]);
      if (mo.id > ctx.idsBefore && mo.gen === 0) return diverge('new-objects-in-gen0', message, [mo.id]);
      // A full collection takes in every generation: an object it left younger was never examined.
      if (fullCollection && mo.gen === 2 && typeof io.gen === 'number' && io.gen < 2) {
        return diverge('full-collect-is-complete', `${message}: the full collection of this statement did not take in generation ${io.gen}`, [mo.id]);
      }
      return diverge('survivors-promoted', message, [mo.id]);
    }
    const reused = freelistOrder(mo, io, ctx);
    if (reused) return diverge('freed-block-reused-lifo', reused.message, reused.objects);
    if (mo.size !== undefined && io.size !== undefined && io.size !== mo.size) {
      return diverge('sizes-match-getsizeof', `${about} has sys.getsizeof ${io.size}, expected ${mo.size}`, [mo.id]);
    }
    if (!sameIds) byId.delete(mo.id);
  }
  const extra = [...byId.keys()];
  if (extra.length > 0) return diverge('refcount-death-is-prompt', `objects ${extra.join(', ')} should be gone`, extra);
  return null;
}

/**
 * A new object served by a freelist must get the memory of the object of its kind freed last (the
 * model's freelists are stacks of ids; the implementation's addresses come from its snapshots).
 */
function freelistOrder(mo: ObjectSnapshot, io: ObjectSnapshot, ctx: CompareContext): { message: string; objects: number[] } | null {
  if (mo.id <= ctx.idsBefore || io.addr === undefined || !ctx.addressBefore) return null;
  const previous = ctx.model.events.reusedMemory.get(mo.id);
  if (previous === undefined) return null;
  const want = ctx.addressBefore(previous);
  if (want === undefined || want === io.addr) return null;
  const hex = (a: number) => '0x' + a.toString(16);
  return {
    message: `${mo.type} ${mo.id} got ${hex(io.addr)} from its freelist; the freelist's top is the memory of ${mo.type} ${previous} (${hex(want)}), freed last`,
    objects: [mo.id, previous],
  };
}
