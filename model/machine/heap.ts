/*
 * The model's heap: the object graph as plain data, nothing more.
 *
 * Objects live in a Map from id to record until they are freed. A value held by a name, a container
 * slot or a root list is an object id or `null` (Python's None). Refcounts are never stored: an
 * object's refcount *is* the number of places that refer to it (names, the children of existing
 * objects, the `revived` and `gc.garbage` lists), recomputed by scanning. That is slow and obviously
 * right, which is the point of a reference model.
 */
import type { Generation, ObjectType } from '../../contract/trace.js';
import type { InstanceClass, SlotName } from '../../language/ast.js';

/** An object id, or null for None. */
export type Value = number | null;

interface Common {
  id: number;
  gen: Generation;
  finalized: boolean;
}

export type ModelObject = Common &
  (
    | { type: 'list'; items: Value[] }
    | { type: 'tuple'; items: Value[] }
    | { type: 'dict'; entries: Map<string, Value> }
    | { type: InstanceClass; slots: Partial<Record<SlotName, Value>> }
    | { type: 'weakref'; referent: number | null; callback: boolean }
    | { type: 'bytes'; size: number }
  );

export const SLOT_ORDER: readonly SlotName[] = ['a', 'b', 'c'];

/** What a module name is bound to. Raw blocks are ints in Python, not objects. */
export type Binding = { kind: 'value'; value: Value } | { kind: 'raw'; block: number };

export function isInstanceType(type: ObjectType): type is InstanceClass {
  return type === 'Obj' || type === 'Fin' || type === 'Lazarus';
}

export function isGcType(type: ObjectType): boolean {
  return type !== 'bytes';
}

/** The strong references an object holds, in no particular order. */
export function childrenOf(o: ModelObject): Value[] {
  switch (o.type) {
    case 'list':
    case 'tuple':
      return o.items;
    case 'dict':
      return [...o.entries.values()];
    case 'Obj':
    case 'Fin':
    case 'Lazarus':
      return SLOT_ORDER.map((s) => o.slots[s]).filter((v): v is Value => v !== undefined);
    default:
      return [];
  }
}

/**
 * Calls `visit` once for each strong reference `o` holds — the same values, in the same order, as
 * childrenOf — without building an array: the per-statement refcount counts visit every object.
 */
export function visitChildren(o: ModelObject, visit: (v: Value) => void): void {
  switch (o.type) {
    case 'list':
    case 'tuple':
      for (const v of o.items) visit(v);
      return;
    case 'dict':
      for (const v of o.entries.values()) visit(v);
      return;
    case 'Obj':
    case 'Fin':
    case 'Lazarus':
      for (const s of SLOT_ORDER) {
        const v = o.slots[s];
        if (v !== undefined) visit(v);
      }
      return;
    default:
      return;
  }
}

/**
 * The order in which CPython's deallocator releases an object's children: list and tuple items last to
 * first (`list_dealloc`, `tupledealloc`), dict values in insertion order (`free_keys_object`), slots in
 * declaration order (`clear_slots`).
 */
export function releaseOrderOf(o: ModelObject): Value[] {
  if (o.type === 'list' || o.type === 'tuple') return [...o.items].reverse();
  return childrenOf(o);
}

export class Heap {
  readonly objects = new Map<number, ModelObject>();
  readonly names = new Map<string, Binding>();
  /** The prelude's `revived` list and `gc.garbage`: roots, in append order. */
  readonly revived: number[] = [];
  readonly garbage: number[] = [];
  /** Children of objects being deallocated that have not been released yet: still references. */
  readonly inFlight = new Set<Value[]>();
  private nextId = 1;

  newId(): number {
    return this.nextId++;
  }

  /** The id of the most recently created object (0 before any). */
  lastId(): number {
    return this.nextId - 1;
  }

  get(id: number): ModelObject {
    const o = this.objects.get(id);
    if (!o) throw new Error(`model: object ${id} does not exist`);
    return o;
  }

  /** Object ids referred to from outside any object: names and the two root lists. */
  rootReferences(): number[] {
    const refs: number[] = [];
    for (const b of this.names.values()) if (b.kind === 'value' && b.value !== null) refs.push(b.value);
    refs.push(...this.revived, ...this.garbage);
    for (const pending of this.inFlight) for (const v of pending) if (v !== null) refs.push(v);
    return refs;
  }

  /** Calls `visit` for each root reference, as rootReferences lists them, without building the list. */
  visitRootReferences(visit: (v: number) => void): void {
    for (const b of this.names.values()) if (b.kind === 'value' && b.value !== null) visit(b.value);
    for (const v of this.revived) visit(v);
    for (const v of this.garbage) visit(v);
    for (const pending of this.inFlight) for (const v of pending) if (v !== null) visit(v);
  }

  /** Refcount of every existing object, by counting referrers: one walk over the roots and the objects. */
  refcounts(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const id of this.objects.keys()) counts.set(id, 0);
    const bump = (v: Value) => {
      if (v === null) return;
      const n = counts.get(v);
      if (n !== undefined) counts.set(v, n + 1);
    };
    this.visitRootReferences(bump);
    for (const o of this.objects.values()) visitChildren(o, bump);
    return counts;
  }

  /**
   * The same counts as `refcounts()`, into `counts` indexed by id (which must reach `lastId()`): every
   * entry up to lastId is zeroed, then every reference from a root or an object adds one. Entries of
   * ids that no longer exist hold nonsense and are not to be read. For the lockstep runner, which asks
   * every object's count after every statement; still one recount from scratch, by scanning.
   */
  countReferrers(counts: Int32Array): void {
    counts.fill(0, 0, this.nextId);
    const bump = (v: Value) => {
      if (v !== null) counts[v]++;
    };
    this.visitRootReferences(bump);
    for (const o of this.objects.values()) visitChildren(o, bump);
  }

  refcountOf(id: number): number {
    let n = 0;
    const count = (v: Value) => {
      if (v === id) n++;
    };
    this.visitRootReferences(count);
    for (const o of this.objects.values()) visitChildren(o, count);
    return n;
  }

  /** Live weakrefs whose referent is `id`. */
  weakrefsTo(id: number): Extract<ModelObject, { type: 'weakref' }>[] {
    const out: Extract<ModelObject, { type: 'weakref' }>[] = [];
    for (const o of this.objects.values()) if (o.type === 'weakref' && o.referent === id) out.push(o);
    return out;
  }

  /** Ids reachable from the roots (names, `revived`, `gc.garbage`). */
  reachableFromRoots(): Set<number> {
    const reached = new Set<number>();
    const stack = this.rootReferences();
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (reached.has(id) || !this.objects.has(id)) continue;
      reached.add(id);
      for (const c of childrenOf(this.get(id))) if (c !== null) stack.push(c);
    }
    return reached;
  }

  isTracked(o: ModelObject): boolean {
    return o.gen !== null;
  }
}
