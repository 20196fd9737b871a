/*
 * The cyclic collector as a reachability question (docs/cpython-3.11.md#collection-phases to
 * #finalizers-and-resurrection).
 *
 * CPython finds garbage by subtracting internal references from refcounts. The model asks the plain
 * question instead: which objects of the collected generations can nothing outside them reach?
 * "Outside" is every root and every object not being collected — old, permanent or untracked, garbage
 * or not — which is why a cycle spanning generations 0 and 2 survives `collect(0)`.
 *
 * The phases keep gcmodule.c's order because the order is observable: survivors are promoted and
 * untracked before weakrefs are cleared; weakrefs are all cleared, and their callbacks run, before any
 * `__del__`; objects a `__del__` resurrects are not counted; the rest is freed.
 *
 * A collection runs Python code — callbacks, `__del__`s, and those of objects its frees kill — whose
 * entries are eval-breaker checks (evalBreaker.ts): under a 'nest' profile (3.12) a pending collection
 * runs there, inside this one. It must not see this collection's own lists: the unreachable objects,
 * the weakrefs about to call back, the garbage not yet cleared are in `Machine.collectorPrivate` (in no
 * generation, their references from outside) until this collection puts each in a generation or frees
 * it, as gcmodule.c's private list heads keep them.
 *
 * Relaxations (CPython's answer depends on the order of its generation lists, which the model does
 * not keep; the CPython oracle covers these details):
 *   - tuple untracking: a tuple whose item is a tuple untracked in the same pass is untracked only if
 *     the item comes first in the list (`((n,), (n,'x'))`, docs/cpython-3.11.md#tracking). Alone, the
 *     model walks in creation order. In lockstep it is handed the implementation's choice, checks that some list
 *     order gives it (`isLegalUntracking`) and adopts it;
 *   - final garbage is cleared in creation order (CPython: the order of the young list, which collections
 *     reorder), and DEBUG_SAVEALL appends it to `gc.garbage` in that order. (Each object is held across
 *     its own clearing, as `delete_garbage` does, so it dies after it; the order of frees that follows
 *     decides where the model's own allocator places later blocks, which the fork page count needs.) The order decides which of
 *     two objects released by the clearing dies first, so when a weakref and its referent both hang off
 *     the garbage the callback may differ; the oracle covers that detail.
 */
import type { Value } from './heap.js';
import { childrenOf, SLOT_ORDER, type ModelObject } from './heap.js';
import type { ModelMachine } from './machine.js';
import { evalBreakerCheck } from './evalBreaker.js';
import { appendToRootList, detachItems, freeKeys, memoryOf } from './memory.js';
import type { KeysTable } from './objectMemory.js';
import { releaseReferences } from './release.js';
import type { MemBlock } from './tracemalloc.js';
import { mayBeTracked } from './tracking.js';

export type Gen = 0 | 1 | 2;

/**
 * One collection of `generation`. Its garbage is `garbageOf(young)`: by default the unreachable objects of
 * the collected generations; adopt.ts hands in the set an engine chose. Returns that set.
 */
export function collect(m: ModelMachine, generation: Gen, garbageOf: (young: ModelObject[]) => Set<number> = (young) => findUnreachable(m, young)): Set<number> {
  const gc = m.gc;
  // A nested collection leaves the outer one running (CPython 3.12.1 clears `collecting` after the
  // nested one, but no GC object can be allocated in the rest of a collection: nothing would show it).
  const outer = gc.collecting;
  gc.collecting = true;
  if (generation < 2) gc.count[generation + 1]++;
  for (let g = 0; g <= generation; g++) gc.count[g] = 0;
  const old: Gen = generation === 2 ? 2 : ((generation + 1) as Gen);

  const young = youngObjects(m, generation);
  for (const o of young) m.pages.write(m.pages.gcHeadAddress(o.type, memoryOf(m, o).block.addr)); // GC links of every scanned object
  const unreachable = garbageOf(young);
  for (const id of unreachable) m.collectorPrivate.add(id);
  const survivors = young.filter((o) => !unreachable.has(o.id));
  promoteSurvivors(m, survivors, generation, old);

  const garbage = disposeOfGarbage(m, unreachable, old);
  if (generation === 2) clearFreelists(m);

  const stats = gc.stats[generation];
  stats.collections++;
  stats.collected += garbage.length;
  m.events.collections.push({ generation, collected: garbage.length, uncollectable: 0 });
  for (const id of unreachable) m.collectorPrivate.delete(id);
  gc.collecting = outer;
  return unreachable;
}

/**
 * The phases after the garbage is known, in gcmodule.c's order: weakrefs cleared and called back,
 * finalizers run, the resurrected spared, the rest deleted (or saved). Returns the final garbage.
 */
function disposeOfGarbage(m: ModelMachine, unreachable: Set<number>, old: Gen): ModelObject[] {
  handleWeakrefs(m, unreachable, old);
  finalizeGarbage(m, unreachable);
  const garbage = handleResurrectedObjects(m, unreachable, old);
  deleteGarbage(m, garbage, old);
  return garbage;
}

/** `clear_freelists` after a full collection: every block is freed, each GC object uncounted. */
function clearFreelists(m: ModelMachine): void {
  const { objects, keys } = m.freelists.clear();
  for (const block of [...objects, ...keys]) m.tracer.free(block);
  for (let n = objects.length; n > 0; n--) m.gc.countDeallocation();
}

/** Automatic collection, inside an allocation or at an eval-breaker check (`gc_collect_generations`). */
export function collectGenerations(m: ModelMachine): void {
  const g = m.gc.generationToCollect();
  if (g !== null) collect(m, g);
}

function youngObjects(m: ModelMachine, generation: Gen): ModelObject[] {
  const young: ModelObject[] = [];
  for (const o of m.heap.objects.values()) {
    if (typeof o.gen === 'number' && o.gen <= generation && !m.collectorPrivate.has(o.id)) young.push(o);
  }
  return young.sort((a, b) => a.id - b.id);
}

/**
 * Objects of `set` that nothing outside `set` reaches, directly or through other members of `set`.
 * Used twice: for the collected generations, and again after finalizers for resurrection.
 */
function unreachableWithin(m: ModelMachine, set: Set<number>): Set<number> {
  const reached: number[] = [];
  const mark = (v: Value) => {
    if (v !== null && set.has(v)) reached.push(v);
  };
  m.heap.rootReferences().forEach(mark);
  for (const o of m.heap.objects.values()) if (!set.has(o.id)) childrenOf(o).forEach(mark);
  const unreachable = new Set(set);
  while (reached.length > 0) {
    const id = reached.pop()!;
    if (!unreachable.delete(id)) continue;
    childrenOf(m.heap.get(id)).forEach(mark);
  }
  return unreachable;
}

export function findUnreachable(m: ModelMachine, young: ModelObject[]): Set<number> {
  return unreachableWithin(m, new Set(young.map((o) => o.id)));
}

/** Untrack atomic tuples, move survivors to the older generation, and keep the long-lived counters. */
function promoteSurvivors(m: ModelMachine, survivors: ModelObject[], generation: Gen, old: Gen): void {
  untrackTuples(m, survivors);
  const stillTracked = () => survivors.filter((o) => o.gen !== null);
  if (generation === 1) m.gc.longLivedPending += stillTracked().length;
  for (const o of stillTracked()) o.gen = old;
  if (generation === 2) {
    untrackDicts(m, survivors);
    m.gc.longLivedPending = 0;
    m.gc.longLivedTotal = stillTracked().length;
  }
}

function untrackTuples(m: ModelMachine, survivors: ModelObject[]): void {
  const tracked = new Set(survivors.filter((o) => o.type === 'tuple' && o.gen !== null).map((o) => o.id));
  const chosen = m.tupleUntrackingChoice?.(m.events.untrackPasses++);
  const untrack = chosen && isLegalUntracking(m, tracked, chosen) ? chosen : creationOrderUntracking(m, survivors);
  if (chosen && untrack !== chosen) m.relaxationViolations.push(`tuple untracking ${[...chosen]} is not one CPython could choose`);
  for (const id of untrack) m.heap.get(id).gen = null;
}

/** The model's own answer: one pass in creation order. */
function creationOrderUntracking(m: ModelMachine, survivors: ModelObject[]): Set<number> {
  const untracked = new Set<number>();
  const mayBe = (v: Value) => v !== null && !untracked.has(v) && mayBeTracked(m.heap, v);
  for (const o of survivors) {
    if (o.type === 'tuple' && o.gen !== null && !o.items.some(mayBe)) untracked.add(o.id);
  }
  return untracked;
}

/**
 * Whether some order of the young list untracks exactly `chosen`: every tuple with no trackable item
 * at the start of the pass must go; a tuple may go only if each of its items is untrackable or a tuple
 * that also goes.
 */
function isLegalUntracking(m: ModelMachine, tracked: Set<number>, chosen: Set<number>): boolean {
  const itemsOf = (id: number) => (m.heap.get(id) as Extract<ModelObject, { type: 'tuple' }>).items;
  for (const id of chosen) if (!tracked.has(id)) return false;
  for (const id of tracked) {
    const blockers = itemsOf(id).filter((v) => mayBeTracked(m.heap, v));
    if (blockers.length === 0 && !chosen.has(id)) return false;
    if (chosen.has(id) && !blockers.every((v) => v !== null && tracked.has(v) && chosen.has(v))) return false;
  }
  return true;
}

function untrackDicts(m: ModelMachine, survivors: ModelObject[]): void {
  for (const o of survivors) {
    if (o.type === 'dict' && o.gen !== null && ![...o.entries.values()].some((v) => mayBeTracked(m.heap, v))) {
      o.gen = null;
    }
  }
}

/**
 * Clear every weakref that is garbage, and every weakref to garbage; only then call back, and only for
 * weakrefs that are not garbage themselves. A weakref that calls back moves to the older generation
 * after its callback (it waits on the collector's own list meanwhile: private).
 */
function handleWeakrefs(m: ModelMachine, unreachable: Set<number>, old: Gen): void {
  const toCall: ModelObject[] = [];
  for (const id of unreachable) {
    const o = m.heap.get(id);
    if (o.type === 'weakref') o.referent = null;
  }
  for (const id of [...unreachable].sort((a, b) => a - b)) {
    for (const w of m.heap.weakrefsTo(id)) {
      w.referent = null;
      if (w.callback && !unreachable.has(w.id)) toCall.push(w);
    }
  }
  for (const w of toCall) m.collectorPrivate.add(w.id);
  if (toCall.length > 0) evalBreakerCheck(m); // the first callback's entry
  for (const w of toCall) {
    m.events.callbacks.add(w.id);
    w.gen = old;
    m.collectorPrivate.delete(w.id);
  }
}

/**
 * PEP 442: every garbage object with `__del__` is finalized, once in its life (the flag set before the
 * call, as `finalize_garbage` does). The first `__del__`'s entry is a check.
 */
function finalizeGarbage(m: ModelMachine, unreachable: Set<number>): void {
  let first = true;
  for (const id of [...unreachable].sort((a, b) => a - b)) {
    const o = m.heap.get(id);
    if ((o.type !== 'Fin' && o.type !== 'Lazarus') || o.finalized) continue;
    o.finalized = true;
    if (first) evalBreakerCheck(m);
    first = false;
    m.events.finalized.add(id);
    if (o.type === 'Lazarus') appendToRootList(m, 'revived', id);
  }
}

/** What finalizers made reachable again goes to the older generation; the rest is final garbage. */
function handleResurrectedObjects(m: ModelMachine, unreachable: Set<number>, old: Gen): ModelObject[] {
  const stillUnreachable = unreachableWithin(m, unreachable);
  const garbage: ModelObject[] = [];
  for (const id of [...unreachable].sort((a, b) => a - b)) {
    const o = m.heap.get(id);
    if (stillUnreachable.has(id)) garbage.push(o);
    else {
      o.gen = old;
      m.collectorPrivate.delete(id);
    }
  }
  return garbage;
}

/**
 * DEBUG_SAVEALL: keep the garbage alive in `gc.garbage`. Otherwise clear each garbage object in turn, as
 * `tp_clear` does — a list or dict drops its items (list items last to first), an instance its slots,
 * a tuple nothing (it has no tp_clear) — and let refcounting free what that releases, garbage or not,
 * depth first. The order is observable: a weakref released before its referent never calls back.
 * Every cycle is broken by the time the last garbage object has been cleared.
 */
function deleteGarbage(m: ModelMachine, garbage: ModelObject[], old: Gen): void {
  if (m.gc.saveAll) {
    for (const o of garbage) {
      appendToRootList(m, 'garbage', o.id);
      o.gen = old;
      m.collectorPrivate.delete(o.id);
    }
    return;
  }
  for (const o of garbage) {
    if (!m.heap.objects.has(o.id)) continue; // freed while an earlier object was cleared
    // `delete_garbage` holds a reference across tp_clear: the object cannot die in its own clearing,
    // only after it (its array freed first), which decides the freelists' order.
    const guard: Value[] = [o.id];
    m.heap.inFlight.add(guard);
    const detached = detachMemory(m, o);
    releaseReferences(m, clearObject(o));
    freeDetached(m, detached);
    m.heap.inFlight.delete(guard);
    releaseReferences(m, [o.id]);
    if (!m.heap.objects.has(o.id)) continue;
    o.gen = old; // it outlives its own clearing: it waits in the older generation (`delete_garbage`)
    m.collectorPrivate.delete(o.id);
  }
}

/** What `tp_clear` takes away from a list or dict besides its references: the items array, the keys table. */
function detachMemory(m: ModelMachine, o: ModelObject): { items: MemBlock | null; keys: KeysTable | null } {
  const mem = memoryOf(m, o);
  const items = mem.list ? detachItems(mem.list) : null;
  const keys = o.type === 'dict' ? mem.keys ?? null : null;
  if (o.type === 'dict') mem.keys = null;
  return { items, keys };
}

function freeDetached(m: ModelMachine, d: { items: MemBlock | null; keys: KeysTable | null }): void {
  if (d.items) m.tracer.free(d.items);
  freeKeys(m, d.keys);
}

/** `tp_clear`: detach the object's references, in the order its clear function releases them. */
function clearObject(o: ModelObject): Value[] {
  switch (o.type) {
    case 'list':
      return o.items.splice(0).reverse();
    case 'dict': {
      const values = [...o.entries.values()];
      o.entries.clear();
      return values;
    }
    case 'Obj':
    case 'Fin':
    case 'Lazarus': {
      const values = SLOT_ORDER.map((s) => o.slots[s]).filter((v): v is Value => v !== undefined);
      o.slots = {};
      return values;
    }
    case 'weakref':
      o.referent = null;
      return [];
    default:
      return [];
  }
}
