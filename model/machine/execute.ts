/*
 * What each statement does to the model (docs/abstract-machine.md, "Statement effects").
 *
 * A store takes the new reference before it releases the old one, as CPython's STORE_* opcodes and
 * container setters do; removals release after the container no longer holds the value. Programs
 * arrive validated, so names are bound and operations type-correct.
 */
import type { Statement, Subscript } from '../language/ast.js';
import { allocateObject } from './allocate.js';
import { collect } from './collect.js';
import { type Binding, type ModelObject, type Value } from './heap.js';
import type { ModelMachine } from './machine.js';
import { releaseReferences } from './release.js';
import { mayBeTracked } from './tracking.js';

export function executeStatement(m: ModelMachine, s: Statement): void {
  const heap = m.heap;
  const valueOf = (name: string): Value => {
    const b = heap.names.get(name);
    if (!b || b.kind !== 'value') throw new Error(`model: '${name}' does not hold an object`);
    return b.value;
  };
  const objectOf = (name: string): ModelObject => heap.get(valueOf(name) as number);
  const bind = (name: string, binding: Binding) => {
    const previous = heap.names.get(name);
    heap.names.set(name, binding);
    if (previous?.kind === 'value') releaseReferences(m, [previous.value]);
  };
  const bindNew = (name: string, o: ModelObject) => bind(name, { kind: 'value', value: o.id });

  switch (s.kind) {
    case 'newList':
      return bindNew(s.target, allocateObject(m, { type: 'list', items: s.items.map(valueOf) }, true));
    case 'newTuple':
      return bindNew(s.target, allocateObject(m, { type: 'tuple', items: s.items.map(valueOf) }, true));
    case 'newDict': {
      // The dict is created empty (its allocation may collect), then filled: tracking follows the
      // values as they are at insertion, after that collection.
      const entries = new Map(s.entries.map(([k, v]) => [k, valueOf(v)] as [string, Value]));
      const dict = allocateObject(m, { type: 'dict', entries }, false);
      if ([...entries.values()].some((v) => mayBeTracked(heap, v))) dict.gen = 0;
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
      const reusable = s.callback ? undefined : heap.weakrefsTo(referent).find((w) => !w.callback);
      if (reusable) return bind(s.target, { kind: 'value', value: reusable.id });
      return bindNew(s.target, allocateObject(m, { type: 'weakref', referent, callback: s.callback }, true));
    }
    case 'malloc':
    case 'realloc':
      return bind(s.target, { kind: 'raw', block: m.newRawBlock() });
    case 'free':
      return;
    case 'del':
      for (const name of s.names) {
        const previous = heap.names.get(name);
        heap.names.delete(name);
        if (previous?.kind === 'value') releaseReferences(m, [previous.value]);
      }
      return;
    case 'append': {
      const list = objectOf(s.list);
      if (list.type === 'list') list.items.push(valueOf(s.item));
      return;
    }
    case 'pop':
    case 'delItem':
      return releaseReferences(m, [removeItem(objectOf(s.container), s.index)]);
    case 'clear': {
      const o = objectOf(s.container);
      if (o.type === 'list') releaseReferences(m, o.items.splice(0).reverse());
      if (o.type === 'dict') {
        const values = [...o.entries.values()];
        o.entries.clear();
        releaseReferences(m, values);
      }
      return;
    }
    case 'setItem': {
      const o = objectOf(s.container);
      const v = valueOf(s.value);
      if (o.type === 'list') {
        const i = listIndex(o.items.length, s.index as number);
        const previous = o.items[i];
        o.items[i] = v;
        return releaseReferences(m, [previous]);
      }
      if (o.type === 'dict') {
        if (o.gen === null && mayBeTracked(heap, v)) o.gen = 0;
        const key = s.index as string;
        const had = o.entries.has(key);
        const previous = o.entries.get(key) ?? null;
        o.entries.set(key, v);
        if (had) releaseReferences(m, [previous]);
      }
      return;
    }
    case 'setSlot': {
      const o = objectOf(s.target);
      if (!('slots' in o)) return;
      const had = s.slot in o.slots;
      const previous = o.slots[s.slot] ?? null;
      o.slots[s.slot] = valueOf(s.value);
      if (had) releaseReferences(m, [previous]);
      return;
    }
    case 'delSlot': {
      const o = objectOf(s.target);
      if (!('slots' in o)) return;
      const previous = o.slots[s.slot] ?? null;
      delete o.slots[s.slot];
      return releaseReferences(m, [previous]);
    }
    case 'collect':
      return collect(m, s.generation);
    case 'gcEnable':
      m.gc.enabled = true;
      return;
    case 'gcDisable':
      m.gc.enabled = false;
      return;
    case 'setThreshold':
      s.thresholds.forEach((t, i) => (m.gc.threshold[i] = t));
      return;
    case 'freeze':
      for (const o of heap.objects.values()) if (typeof o.gen === 'number') o.gen = 'permanent';
      m.gc.count = [0, 0, 0];
      return;
    case 'unfreeze':
      for (const o of heap.objects.values()) if (o.gen === 'permanent') o.gen = 2;
      return;
    case 'setDebug':
      m.gc.saveAll = s.saveAll;
      return;
    case 'clearGarbage':
      return releaseReferences(m, heap.garbage.splice(0).reverse());
    case 'clearRevived':
      return releaseReferences(m, heap.revived.splice(0).reverse());
    case 'tracemallocStart':
    case 'tracemallocStop':
    case 'fork':
      // No effect on the object layer; tracemalloc statistics and page accounting are traced elsewhere.
      return;
  }
}

function listIndex(length: number, index: number): number {
  return index < 0 ? length + index : index;
}

/** `list.pop`, `del list[i]`, `dict.pop`, `del dict[k]`: take the value out, for the caller to release. */
function removeItem(o: ModelObject, index: Subscript | null): Value {
  if (o.type === 'list') {
    const i = index === null ? o.items.length - 1 : listIndex(o.items.length, index as number);
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
