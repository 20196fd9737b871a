/*
 * What each statement does to the model (docs/abstract-machine.md, "Statement effects").
 *
 * A store takes the new reference before it releases the old one, as CPython's STORE_* opcodes and
 * container setters do; removals release after the container no longer holds the value. Programs
 * arrive validated, so names are bound and operations type-correct.
 *
 * A statement with a call is split where the interpreter checks its eval breaker (evalBreaker.ts): the
 * call evaluates to a result on the stack, the check runs, then the result is stored or dropped.
 */
import type { Statement, Subscript } from '../../language/ast.js';
import { EVAL_BREAKER_SITES } from '../../contract/cpythonProfiles.js';
import { allocateObject } from './allocate.js';
import { evalBreakerCheck } from './evalBreaker.js';
import { collect } from './collect.js';
import { type Binding, type ModelObject, type Value } from './heap.js';
import type { ModelMachine } from './machine.js';
import {
  allocateKeys, clearRootList, detachItems, freeKeys, makeRoomForKey, memoryOf, newListMemory, resizeList,
} from './memory.js';
import { presizedLog2, type ListMemory } from './objectMemory.js';
import { releaseReferences } from './release.js';
import { mayBeTracked } from './tracking.js';

/**
 * What the statement leaves on the interpreter stack when its call (if it has one) returns, and what
 * is done with it next: bound to a name (the old value released after), or dropped.
 */
type Result =
  | { then: 'nothing' }
  | { then: 'bind'; target: string; binding: Binding }
  | { then: 'drop'; value: Value };

const NOTHING: Result = { then: 'nothing' };

/**
 * A statement in the interpreter's order: the eval-breaker check at its entry (`fork()`), its own work,
 * the check when its call returns ('afterCall': with the result still on the stack, so reachable), then
 * the result stored or dropped. Which statements check where is EVAL_BREAKER_SITES
 * (contract/cpythonProfiles.ts); `__del__`s and callbacks check as they run (release.ts, collect.ts).
 */
export function executeStatement(m: ModelMachine, s: Statement): void {
  const site = EVAL_BREAKER_SITES[s.kind];
  if (site === 'atEntry') evalBreakerCheck(m);
  const result = evaluate(m, s);
  if (site === 'afterCall') evalBreakerCheck(m, result.then === 'nothing' ? [] : [result.then === 'bind' ? bindingValue(result.binding) : result.value]);
  if (result.then === 'bind') {
    const previous = m.heap.names.get(result.target);
    m.heap.names.set(result.target, result.binding);
    if (previous?.kind === 'value') releaseReferences(m, [previous.value]);
  } else if (result.then === 'drop') releaseReferences(m, [result.value]);
}

const bindingValue = (b: Binding): Value => (b.kind === 'value' ? b.value : null);

function evaluate(m: ModelMachine, s: Statement): Result {
  const heap = m.heap;
  const valueOf = (name: string): Value => {
    const b = heap.names.get(name);
    if (!b || b.kind !== 'value') throw new Error(`model: '${name}' does not hold an object`);
    return b.value;
  };
  const objectOf = (name: string): ModelObject => heap.get(valueOf(name) as number);
  const rawBlockOf = (name: string): number => {
    const b = heap.names.get(name);
    if (!b || b.kind !== 'raw') throw new Error(`model: '${name}' does not hold a raw block`);
    return b.block;
  };
  const bind = (target: string, binding: Binding): Result => ({ then: 'bind', target, binding });
  const bindNew = (target: string, o: ModelObject): Result => bind(target, { kind: 'value', value: o.id });

  switch (s.kind) {
    case 'newList': {
      // The items array is allocated after the list object (and after the collection it may trigger).
      const list = allocateObject(m, { type: 'list', items: s.items.map(valueOf) }, true);
      memoryOf(m, list).list = newListMemory(m, s.items.length);
      return bindNew(s.target, list);
    }
    case 'newTuple':
      return bindNew(s.target, allocateObject(m, { type: 'tuple', items: s.items.map(valueOf) }, true));
    case 'newDict': {
      // The dict is created empty (its allocation may collect), then filled: tracking follows the
      // values as they are at insertion, after that collection.
      // A literal of more than five entries allocates its keys table ahead, before the dict itself.
      const log2 = presizedLog2(s.entries.length);
      const keys = log2 === 0 ? null : allocateKeys(m, log2);
      const dict = allocateObject(m, { type: 'dict', entries: new Map() }, false, { keys });
      for (const [k, name] of s.entries) {
        if (dict.type !== 'dict') break;
        const v = valueOf(name);
        if (dict.gen === null && mayBeTracked(heap, v)) dict.gen = 0;
        if (!dict.entries.has(k)) makeRoomForKey(m, memoryOf(m, dict), dict.entries.size);
        dict.entries.set(k, v);
      }
      return bindNew(s.target, dict);
    }
    case 'newInstance':
      return bindNew(s.target, allocateObject(m, { type: s.cls, slots: {} }, true));
    case 'newBytes':
      return bindNew(s.target, allocateObject(m, { type: 'bytes', size: s.size }, false));
    case 'bindNone':
      return bind(s.target, { kind: 'value', value: null });
    case 'rebind':
      return bind(s.target, { ...heap.names.get(s.source)! });
    case 'newWeakref': {
      const referent = valueOf(s.referent) as number;
      let reusable = s.callback ? undefined : heap.weakrefsTo(referent).find((w) => !w.callback);
      if (reusable && m.weakrefSharing && !m.weakrefSharing(reusable.id, heap.lastId() + 1)) {
        reusable.referent = null; // cleared by a collection of the engine's, which made a new one
        reusable = undefined;
      }
      if (reusable) return bind(s.target, { kind: 'value', value: reusable.id });
      return bindNew(s.target, allocateObject(m, { type: 'weakref', referent, callback: s.callback }, true));
    }
    case 'malloc':
    case 'realloc': {
      const old = s.kind === 'realloc' ? rawBlockOf(s.block) : null;
      const block = m.newRawBlock();
      m.rawMemory.set(block, m.tracer.reallocate(old === null ? null : m.rawMemory.get(old)!, s.size));
      if (old !== null) m.rawMemory.delete(old);
      return bind(s.target, { kind: 'raw', block });
    }
    case 'free': {
      const block = rawBlockOf(s.block);
      m.tracer.free(m.rawMemory.get(block)!);
      m.rawMemory.delete(block);
      return NOTHING;
    }
    case 'del':
      for (const name of s.names) {
        const previous = heap.names.get(name);
        heap.names.delete(name);
        if (previous?.kind === 'value') releaseReferences(m, [previous.value]);
      }
      return NOTHING;
    case 'append': {
      const list = objectOf(s.list);
      if (list.type !== 'list') return NOTHING;
      resizeList(m, memoryOf(m, list).list!, list.items.length, list.items.length + 1);
      list.items.push(valueOf(s.item));
      return NOTHING;
    }
    case 'pop':
      // The popped item is the call's result: released when the statement drops it.
      return { then: 'drop', value: removeItem(m, objectOf(s.container), s.index, 'pop') };
    case 'delItem':
      releaseReferences(m, [removeItem(m, objectOf(s.container), s.index, 'del')]);
      return NOTHING;
    case 'clear': {
      const o = objectOf(s.container);
      const mem = memoryOf(m, o);
      if (o.type === 'list') clearList(m, o, mem.list!);
      if (o.type === 'dict') {
        const values = [...o.entries.values()];
        const keys = mem.keys;
        mem.keys = null;
        o.entries.clear();
        releaseReferences(m, values);
        freeKeys(m, keys);
      }
      return NOTHING;
    }
    case 'setItem': {
      const o = objectOf(s.container);
      const v = valueOf(s.value);
      if (o.type === 'list') {
        const i = listIndex(o.items.length, s.index as number);
        const previous = o.items[i];
        o.items[i] = v;
        releaseReferences(m, [previous]);
      }
      if (o.type === 'dict') {
        if (o.gen === null && mayBeTracked(heap, v)) o.gen = 0;
        const key = s.index as string;
        const had = o.entries.has(key);
        if (!had) makeRoomForKey(m, memoryOf(m, o), o.entries.size);
        const previous = o.entries.get(key) ?? null;
        o.entries.set(key, v);
        if (had) releaseReferences(m, [previous]);
      }
      return NOTHING;
    }
    case 'setSlot': {
      const o = objectOf(s.target);
      if (!('slots' in o)) return NOTHING;
      const had = s.slot in o.slots;
      const previous = o.slots[s.slot] ?? null;
      o.slots[s.slot] = valueOf(s.value);
      if (had) releaseReferences(m, [previous]);
      return NOTHING;
    }
    case 'delSlot': {
      const o = objectOf(s.target);
      if (!('slots' in o)) return NOTHING;
      const previous = o.slots[s.slot] ?? null;
      delete o.slots[s.slot];
      releaseReferences(m, [previous]);
      return NOTHING;
    }
    case 'collect':
      // Under the weaker policies the engine's collection is adopted instead (adopt.ts), but for the
      // refcount policy's full collection, whose garbage the model decides.
      if (m.deaths === 'cpython' || (m.deaths === 'refcount' && s.generation === 2)) collect(m, s.generation);
      return NOTHING;
    case 'gcEnable':
      m.gc.enabled = true;
      return NOTHING;
    case 'gcDisable':
      m.gc.enabled = false;
      return NOTHING;
    case 'setThreshold':
      s.thresholds.forEach((t, i) => (m.gc.threshold[i] = t));
      return NOTHING;
    case 'freeze':
      for (const o of heap.objects.values()) if (typeof o.gen === 'number') o.gen = 'permanent';
      m.gc.count = [0, 0, 0];
      return NOTHING;
    case 'unfreeze':
      for (const o of heap.objects.values()) if (o.gen === 'permanent') o.gen = 2;
      return NOTHING;
    case 'setDebug':
      m.gc.saveAll = s.saveAll;
      return NOTHING;
    case 'clearGarbage':
      clearRootList(m, 'garbage', (values) => releaseReferences(m, values));
      return NOTHING;
    case 'clearRevived':
      clearRootList(m, 'revived', (values) => releaseReferences(m, values));
      return NOTHING;
    case 'tracemallocStart':
      m.tracer.start();
      return NOTHING;
    case 'tracemallocStop':
      m.tracer.stop();
      return NOTHING;
    case 'fork':
      m.pages.fork(heap.refcounts());
      return NOTHING;
  }
}

/**
 * `_list_clear`: the items leave the list, are released last to first, then the array is freed. With
 * `handOver` (a `pop` of the last item) the list's references go to the caller instead of being released.
 */
function clearList(m: ModelMachine, o: Extract<ModelObject, { type: 'list' }>, lm: ListMemory, handOver = false): void {
  const items = detachItems(lm);
  const released = o.items.splice(0).reverse();
  if (!handOver) releaseReferences(m, released);
  if (items) m.tracer.free(items);
}

function listIndex(length: number, index: number): number {
  return index < 0 ? length + index : index;
}

/**
 * `list.pop`, `del list[i]`, `dict.pop`, `del dict[k]`: take the value out, for the caller to release.
 * A list's array follows the version: `pop` of the last item clears the list (3.12 on) or resizes it
 * to zero; `del` that empties the list clears it, and otherwise resizes it (3.11, 3.12), or leaves the
 * array as it is (3.13).
 */
function removeItem(m: ModelMachine, o: ModelObject, index: Subscript | null, how: 'pop' | 'del'): Value {
  if (o.type === 'list') {
    const i = index === null ? o.items.length - 1 : listIndex(o.items.length, index as number);
    const lm = memoryOf(m, o).list!;
    const rule = how === 'pop' ? m.profile.listPopOfLastItem : m.profile.listDelItem;
    const value = o.items[i];
    if (rule === 'keepArray') return o.items.splice(i, 1)[0];
    if (o.items.length === 1 && (rule === 'clear' || how === 'del')) {
      // `_list_clear` releases the item (a `del`'s last reference; a `pop` keeps its own) after the array
      // leaves, and frees the array after.
      clearList(m, o, lm, how === 'pop');
      return how === 'del' ? null : value;
    }
    resizeList(m, lm, o.items.length, o.items.length - 1);
    return o.items.splice(i, 1)[0];
  }
  if (o.type === 'dict') {
    const key = index as string;
    const v = o.entries.get(key) ?? null;
    o.entries.delete(key);
    return v;
  }
  throw new Error(`model: cannot remove an item from a ${o.type}`);
}
