/*
 * Adopting the engine's deaths (docs/contract-levels.md): under the weaker contract levels the model
 * does not decide *when* a dead object dies; the engine does, and the model takes its word for it once
 * the lockstep runner has checked that word against the roots (properties/lockstep/adoption.ts). These
 * are the mechanics only: what the model's state becomes once a death is adopted. No check lives here.
 *
 * Two ways to adopt, one per policy (machine.ts's DeathPolicy):
 *
 *   refcount      a collection of the engine's (automatic, or an explicit `gc.collect(0|1)`) took in the
 *                 set of objects it freed or finalized that the model did not. The model runs its own
 *                 collector's phases on that set (collect.ts's collect with the garbage given: weakrefs, finalizers,
 *                 resurrection, deletion with refcounting after it), so what the collection must have
 *                 finalized, called back and freed is the model's answer for the engine's garbage. The set
 *                 is widened to what CPython's own garbage set would hold that the trace cannot show:
 *                 what an unfinalized `Lazarus` in it reaches in the collected generations (it may be
 *                 resurrected with it: an engine without generations reports generation 2), and under
 *                 DEBUG_SAVEALL the garbage of the generations collected (saved objects are not freed, so
 *                 no trace line names them). CPython's bookkeeping of the collection is kept too (counts,
 *                 survivors promoted), so that for a CPython-like engine the generations stay CPython's.
 *
 *   reachability  the engine's trace line is the truth: the weakrefs it called back are cleared, the
 *                 objects it finalized are finalized (a `Lazarus` appends itself to `revived`, so the
 *                 roots stay the engine's), the objects it freed are removed — with no refcounting after
 *                 them: their referents stay until the engine frees them as well.
 */
import { collect, findUnreachable, type Gen } from './collect.js';
import { childrenOf, type ModelObject } from './heap.js';
import type { ModelMachine } from './machine.js';
import { appendToRootList, freeObjectMemory } from './memory.js';

/** What the engine's trace line says died, was finalized and called back. */
export interface EngineDeaths {
  freed: readonly number[];
  finalized: readonly number[];
  callbacks: readonly number[];
}

/**
 * The refcount policy: one collection of `generation` whose garbage the engine chose (`taken`: existing
 * objects, all unreachable). Returns the set the phases ran on, widened as the header says.
 */
export function adoptCollection(m: ModelMachine, taken: Set<number>, generation: Gen): Set<number> {
  return collect(m, generation, (young) => {
    const garbage = new Set(taken);
    if (m.gc.saveAll) for (const id of findUnreachable(m, young)) garbage.add(id);
    for (const id of reachedFromUnfinalizedLazarus(m, garbage, new Set(young.map((o) => o.id)))) garbage.add(id);
    return garbage;
  });
}

/**
 * Objects of the collected generations (`young`) that an unfinalized Lazarus of `set` reaches and that
 * nothing else keeps (no root, no frozen object): resurrected with it, if it is. An older object is no
 * part of the collection, as in CPython.
 */
function reachedFromUnfinalizedLazarus(m: ModelMachine, set: Set<number>, young: Set<number>): Set<number> {
  const reachable = keptOutside(m);
  const out = new Set<number>();
  const stack: number[] = [];
  for (const id of set) {
    const o = m.heap.objects.get(id);
    if (o?.type === 'Lazarus' && !o.finalized) stack.push(id);
  }
  while (stack.length > 0) {
    const o = m.heap.objects.get(stack.pop()!);
    if (!o) continue;
    for (const c of childrenOf(o)) {
      if (c === null || reachable.has(c) || set.has(c) || out.has(c) || !young.has(c)) continue;
      out.add(c);
      stack.push(c);
    }
  }
  return out;
}

/** The reachability policy: the statement's deaths as the engine reports them, checked before. */
export function adoptDeaths(m: ModelMachine, deaths: EngineDeaths): void {
  const heap = m.heap;
  for (const id of deaths.callbacks) {
    const w = heap.objects.get(id);
    if (w?.type === 'weakref') w.referent = null;
    m.events.callbacks.add(id);
  }
  for (const id of [...deaths.finalized].sort((a, b) => a - b)) {
    const o = heap.get(id);
    o.finalized = true;
    m.events.finalized.add(id);
    if (o.type === 'Lazarus') appendToRootList(m, 'revived', id);
  }
  for (const id of deaths.freed) {
    const o: ModelObject = heap.get(id);
    heap.objects.delete(id);
    o.gen = null;
    for (const w of heap.weakrefsTo(id)) w.referent = null;
    freeObjectMemory(m, o, () => false);
    m.events.freed.add(id);
  }
}

/** What the roots and the permanent generation reach: what no collection takes in. */
function keptOutside(m: ModelMachine): Set<number> {
  const kept = new Set<number>();
  const stack = m.heap.rootReferences();
  for (const o of m.heap.objects.values()) if (o.gen === 'permanent') stack.push(o.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    const o = m.heap.objects.get(id);
    if (kept.has(id) || !o) continue;
    kept.add(id);
    for (const c of childrenOf(o)) if (c !== null) stack.push(c);
  }
  return kept;
}
