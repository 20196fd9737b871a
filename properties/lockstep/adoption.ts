/*
 * Checking the engine's deaths before the model adopts them (the weaker contract levels,
 * docs/contract-levels.md; the mechanics are model/machine/adopt.ts). The lockstep runner hands each
 * statement's engine trace line here before the model executes the statement; the model calls back at
 * each adoption point (its GC allocation, where CPython would collect, and the statement's end).
 *
 * refcount      The model frees by refcount itself and runs the explicit full `gc.collect()` itself; any
 *               other object the engine freed or finalized must be unreachable in the model (safety) and
 *               is adopted as one collection's garbage — at the allocation point when the engine
 *               reported a collection there, at the end for whatever is left. Under DEBUG_SAVEALL an
 *               engine's collection is adopted even when nothing in the trace names its garbage.
 *               The callbacks of an adopted collection are CPython's for the set the model sees, which
 *               may be smaller than the engine's (the trace does not name resurrected objects that were
 *               not finalized, nor which generation a survivor was in): a callback of a live weakref to
 *               an object unreachable at adoption is tolerated (`tolerated`), every other difference is
 *               the comparison's (compareLevels.ts).
 *
 * reachability  The model frees nothing itself. At the statement's end, in this order: every finalized
 *               object is alive, has a `__del__`, was never finalized and is unreachable; every callback
 *               is a live, uncleared weakref with a callback whose referent is unreachable; every freed
 *               object is alive, unreachable, and finalized if it has a `__del__`; once the finalizers'
 *               resurrections are adopted, nothing freed is reachable again; a reachable weakref with a
 *               callback that outlives its freed referent has called back (unless it was unreachable once:
 *               a collection that took it in cleared it silently). Then the deaths are adopted, and after
 *               an explicit full `gc.collect()` nothing unreachable may remain but what frozen objects
 *               hold (CPython leaks frozen garbage: `gc.freeze()` without `gc.unfreeze()`) or what a
 *               collection under DEBUG_SAVEALL may have saved in `gc.garbage` since it was last cleared.
 *
 * The first problem found is kept (`failure`); the runner reports it as the statement's divergence.
 */
import type { Statement } from '../../language/ast.js';
import type { TraceLine } from '../../contract/trace.js';
import { adoptCollection, adoptDeaths } from '../../model/machine/adopt.js';
import type { Gen } from '../../model/machine/collect.js';
import { childrenOf, type ModelObject } from '../../model/machine/heap.js';
import type { AdoptionPoint, ModelMachine } from '../../model/machine/machine.js';
import type { ContractLevel } from '../invariants/invariantEntry.js';
import type { Invariant } from '../invariants/catalogue.js';

export interface AdoptionFailure {
  invariant: Invariant;
  message: string;
  objects: number[];
}

const hasFinalizer = (type: string) => type === 'Fin' || type === 'Lazarus';

export class Adoption {
  failure: AdoptionFailure | null = null;
  /** Callbacks the engine may make beyond the model's in this statement (refcount: adopted collections). */
  readonly tolerated = new Set<number>();
  /** Refcount: the garbage of the collections adopted in this statement (what the model freed by refcount is not in it). */
  readonly collected = new Set<number>();
  private statement: Statement | null = null;
  private line: TraceLine | null = null;
  private adoptedAtAllocation = false;
  /** Reachability: objects a collection under DEBUG_SAVEALL may have saved in `gc.garbage` (noteMaybeSaved). */
  private readonly maybeSaved = new Set<number>();
  /** Reachability: the objects alive at the last `gc.freeze()`, until `gc.unfreeze()`. */
  private readonly frozen = new Set<number>();
  /**
   * Reachability: weakrefs seen unreachable while their referent lived. A collection that takes in a
   * weakref clears it without a callback (CPython does), and the weakref may outlive that collection —
   * resurrected, or saved under DEBUG_SAVEALL — so it need not call back when its referent dies later.
   */
  private readonly mayBeCleared = new Set<number>();

  /** Whether the engine holds an object after the statement: from its snapshot or inspection; undefined when it says neither. */
  private engineHas: (id: number) => boolean | undefined = () => undefined;

  constructor(private readonly m: ModelMachine, private readonly level: Exclude<ContractLevel, 'cpython'>) {
    m.adoptionPoint = (point) => this.at(point);
    // A weakref once unreachable may have been cleared by a collection that took it in: then the engine
    // made a new weakref (the next id) where the model would share the old one. The engine decides.
    if (level === 'reachability') m.weakrefSharing = (candidate, newId) => !this.mayBeCleared.has(candidate) || this.engineHas(newId) !== true;
  }

  /** Before the model executes `statement`: the engine's line for it, and how to ask the engine for an id. */
  begin(statement: Statement, line: TraceLine, engineHas?: (id: number) => boolean | undefined): void {
    this.statement = statement;
    this.line = line;
    this.engineHas = engineHas ?? (() => undefined);
    this.adoptedAtAllocation = false;
    this.tolerated.clear();
    this.collected.clear();
  }

  private fail(invariant: Invariant, message: string, objects: number[]): void {
    this.failure ??= { invariant, message, objects };
  }

  private at(point: AdoptionPoint): void {
    if (this.failure || !this.line || !this.statement) return;
    if (this.level === 'refcount') this.refcountAt(point);
    else if (point === 'end') this.reachabilityAtEnd();
  }

  // ---- refcount ----

  private refcountAt(point: AdoptionPoint): void {
    const s = this.statement!;
    const line = this.line!;
    if (s.kind === 'collect' && s.generation === 2) return; // the model's own full collection
    const collected = line.collections.length > 0;
    if (point === 'allocation' && (this.adoptedAtAllocation || !collected)) return;
    const heap = this.m.heap;
    const events = this.m.events;
    const candidates = [...new Set([...line.freed, ...line.finalized])]
      .filter((id) => !events.freed.has(id) && !events.finalized.has(id) && heap.objects.has(id));
    const reachable = heap.reachableFromRoots();
    const taken = new Set(candidates.filter((id) => !reachable.has(id)));
    if (point === 'end') {
      const kept = candidates.filter((id) => reachable.has(id));
      if (kept.length > 0) return this.fail('reachable-never-freed', `freed or finalized ${kept.join(', ')}, which the roots still reach`, kept);
      // A collection not adopted yet is adopted even if no trace field names its garbage: its survivors
      // are promoted (CPython's bookkeeping), and under SAVEALL its garbage was saved, not freed.
      if (taken.size === 0 && !(collected && !this.adoptedAtAllocation)) return;
    }
    if (point === 'allocation') this.adoptedAtAllocation = true;
    this.tolerateCallbacksOfGarbage(reachable);
    // The generation the engine says it collected (one without generations reports 2), else the statement's.
    const reported = line.collections.map((c) => c.generation);
    const generation = (reported.length > 0 ? Math.max(...reported) : s.kind === 'collect' ? s.generation : 0) as Gen;
    for (const id of adoptCollection(this.m, taken, generation)) this.collected.add(id);
  }

  /** Live weakrefs with a callback whose referent is unreachable now: the engine's collection may clear them. */
  private tolerateCallbacksOfGarbage(reachable: Set<number>): void {
    for (const o of this.m.heap.objects.values()) {
      if (o.type === 'weakref' && o.callback && o.referent !== null && !reachable.has(o.referent)) this.tolerated.add(o.id);
    }
  }

  // ---- reachability ----

  private reachabilityAtEnd(): void {
    const line = this.line!;
    const heap = this.m.heap;
    const reachable = heap.reachableFromRoots();
    const freed = new Set(line.freed);
    const finalized = new Set(line.finalized);
    const callbacks = new Set(line.callbacks);
    const where = `in statement ${this.statement!.kind}`;

    for (const [k, id] of line.finalized.entries()) {
      const o = heap.objects.get(id);
      if (!o) return this.fail('finalizer-at-most-once', `finalized ${id}, which is not alive`, [id]);
      if (!hasFinalizer(o.type)) return this.fail('finalizer-at-most-once', `finalized ${o.type} ${id}, which has no __del__`, [id]);
      if (o.finalized || line.finalized.indexOf(id) !== k) return this.fail('finalizer-at-most-once', `finalized ${id} a second time`, [id]);
      if (reachable.has(id)) return this.fail('reachable-never-freed', `finalized ${id} ${where}, which the roots still reach`, [id]);
    }
    for (const [k, id] of line.callbacks.entries()) {
      const w = heap.objects.get(id);
      if (!w || w.type !== 'weakref' || !w.callback || w.referent === null || line.callbacks.indexOf(id) !== k) {
        return this.fail('callback-only-if-weakref-reachable', `called back ${id}, which is no live weakref with a callback still set`, [id]);
      }
      if (reachable.has(w.referent)) {
        return this.fail('reachable-never-freed', `called back ${id}: its referent ${w.referent} is still reachable, so the weakref must not be cleared`, [id, w.referent]);
      }
    }
    for (const id of freed) {
      const o = heap.objects.get(id);
      if (!o) return this.fail('reachable-never-freed', `freed ${id}, which is not alive`, [id]);
      if (reachable.has(id)) return this.fail('reachable-never-freed', `freed ${id} ${where}, which the roots still reach`, [id]);
      if (hasFinalizer(o.type) && !o.finalized && !finalized.has(id)) {
        return this.fail('finalizer-at-most-once', `freed ${o.type} ${id} without running its __del__`, [id]);
      }
    }
    // What the finalizers resurrect (a Lazarus appends itself to revived) must survive the statement.
    const resurrected = line.finalized.filter((id) => heap.objects.get(id)?.type === 'Lazarus');
    if (resurrected.length > 0) {
      const afterFinalizers = reachableWith(heap.objects, [...heap.rootReferences(), ...resurrected]);
      const revivedFreed = line.freed.filter((id) => afterFinalizers.has(id));
      if (revivedFreed.length > 0) {
        return this.fail('resurrection-keeps-reachable', `freed ${revivedFreed.join(', ')}, which a finalizer of this statement made reachable again`, revivedFreed);
      }
    }
    for (const id of freed) {
      for (const w of heap.weakrefsTo(id)) {
        if (w.callback && !freed.has(w.id) && !callbacks.has(w.id) && reachable.has(w.id) && !this.mayBeCleared.has(w.id)) {
          return this.fail('weakref-cleared-before-finalizers', `freed ${id} while weakref ${w.id} to it stays alive without calling back`, [w.id, id]);
        }
      }
    }
    adoptDeaths(this.m, line);
    for (const o of heap.objects.values()) if (o.type === 'weakref' && o.referent !== null && !reachable.has(o.id)) this.mayBeCleared.add(o.id);
    const s = this.statement!;
    if (s.kind === 'clearGarbage') this.maybeSaved.clear();
    if (s.kind === 'freeze') for (const id of heap.objects.keys()) this.frozen.add(id);
    if (s.kind === 'unfreeze') this.frozen.clear();
    if (this.m.gc.saveAll && line.collections.length > 0) this.noteMaybeSaved();
    if (s.kind === 'collect' && s.generation === 2) this.checkComplete();
  }

  /**
   * Under DEBUG_SAVEALL a collection appends its garbage to `gc.garbage`, and no trace field says which
   * objects those were: every unreachable object may have been saved (which ones a collector tracks is no business of this level), until `gc.garbage` is cleared.
   */
  private noteMaybeSaved(): void {
    const reachable = this.m.heap.reachableFromRoots();
    for (const id of this.m.heap.objects.keys()) if (!reachable.has(id)) this.maybeSaved.add(id);
  }

  /** After an explicit full collection: nothing unreachable remains but what frozen objects hold. */
  private checkComplete(): void {
    const heap = this.m.heap;
    const kept = reachableWith(heap.objects, [...heap.rootReferences(), ...this.frozen, ...this.maybeSaved]);
    const left = [...heap.objects.keys()].filter((id) => !kept.has(id)).sort((a, b) => a - b);
    if (left.length > 0) {
      this.fail('full-collect-is-complete', `after gc.collect() ${left.join(', ')} remain, unreachable (not resurrected, saved or frozen)`, left);
    }
  }
}

/** Ids reachable from `roots` through the objects' strong references. */
function reachableWith(objects: Map<number, ModelObject>, roots: number[]): Set<number> {
  const reached = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    const o = objects.get(id);
    if (!o) continue;
    reached.add(id);
    for (const c of childrenOf(o)) if (c !== null) stack.push(c);
  }
  return reached;
}
