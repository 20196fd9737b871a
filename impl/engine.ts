/*
 * The implementation as an engine: statements in, trace lines out (docs/trace.md), the same interface as
 * the model's. Names are slots in typed arrays (bindings.ts); a name holds nothing, an object handle,
 * None, or a raw block.
 *
 * Statements run as compiled instructions (compile.ts): `execute` compiles one statement into a scratch
 * buffer and runs it; `compile` + `run` compile a whole program once and run it with no per-statement
 * string switch or name lookup (benchmarks). `runInstructions` has a case per opcode; every other
 * statement kind is a case of `executeStatementObject` — adding a statement kind means adding its case
 * there, nothing else.
 *
 * Under a 'scheduled' profile a statement's call ends with an eval-breaker check (EVAL_BREAKER_SITES;
 * runtime.ts `evalBreaker`): a statement whose call returns an object checks before binding it (or, for
 * `pop`, before releasing it), the others after their work, `fork()` before it. Each site costs one
 * test of `gc.pending`, which is never set under 3.11.
 *
 * Engines the plug-in factory (`createEngine`) makes are pooled by memory (enginePool.ts): `release()`
 * hands the typed arrays to the pool, the next engine resets and reuses them, and the released engine
 * refuses every further call (its arrays are another engine's now). `new ImplEngine` without a pool
 * makes and keeps its own.
 */
import type { Program, Statement } from '../language/ast.js';
import { EVAL_BREAKER_SITES } from '../contract/cpythonProfiles.js';
import type { Generation, ObjectSnapshot, ObjectType, TraceLine } from '../contract/trace.js';
import { collect } from './gc/collect.js';
import { gcListMerge } from './gc/gcList.js';
import {
  DICT_OBJECT_BYTES, INSTANCE_SLOTS, KIND_BYTES, KIND_DICT, KIND_LIST,
  KIND_NAMES, KIND_TUPLE, LIST_OBJECT_BYTES, bytesObjectBytes, tupleBytes,
} from './objects/kinds.js';
import * as kinds from './objects/kinds.js';
import { FINALIZED, GEN0, GEN1, GEN2, PERMANENT } from './objects/objectTable.js';
import { EMPTY, NONE } from './objects/refStore.js';
import { allocateKeys, attachKeys, dictClear, dictDelItem, dictPop, dictSetItem, presizedLog2 } from './runtime/dicts.js';
import { listAppend, listClear, listDelItem, listInitItems, listPop, listSetItem } from './runtime/lists.js';
import { Runtime, type RuntimeOptions } from './runtime/runtime.js';
import type { CreateEngine, EngineUnderTest } from '../contract/engine.js';
import { BINDING_EMPTY, BINDING_OBJECT, BINDING_RAW, Bindings } from './bindings.js';
import * as instructions from './compile.js';
import { Code, compileStatement } from './compile.js';
import { checkHeap } from './debug/checkHeap.js';
import { ImplInspection } from './inspection.js';
import { EnginePool, type EngineMemory } from './enginePool.js';
import { newWeakref } from './runtime/weakrefs.js';
import { getsizeof } from './runtime/sizes.js';
import { startTracing, stopTracing } from './runtime/tracemalloc.js';
import { startForkAccounting } from './runtime/pageWrites.js';
import {
  AT_DICT_PRESIZED, AT_TUPLE_REUSE_LENGTH, atBoundary, COLLECT_EXPLICIT, FREELIST_HIT, FREEZE_WITH_OBJECTS, PENDING_AT_CALL, UNFREEZE_WITH_OBJECTS, featureRecord,
} from './runtime/features.js';

// Local copies of the opcodes, the instruction layout and the slot offsets, which V8 folds into
// runInstructions (compile.ts).
const {
  AT_OBJECT_KIND, AT_OPCODE, AT_SLOT, AT_SOURCE, AT_STATEMENT, AT_TARGET, AT_VALUE, OP_BIND_NONE, OP_DEL_SLOT, OP_NEW_INSTANCE,
  OP_REBIND, OP_SET_SLOT, OP_UNBIND, WORDS,
} = instructions;
const { SLOT_A, SLOT_B, SLOT_C } = kinds;


export interface ImplRunOptions {
  snapshot?: boolean;
}

export interface ImplEngineOptions extends Omit<RuntimeOptions, 'memory'> {
  /** The pool this engine's memory comes from and goes back to on release() (the plug-in factory's). */
  pool?: EnginePool;
}

export class ImplEngine implements EngineUnderTest {
  readonly rt: Runtime;
  private readonly names: Bindings;
  private readonly slotOfName = (name: string) => this.names.slotOf(name);
  /** The instructions of the statement `execute` runs. */
  private readonly scratch: Code;
  private readonly pool: EnginePool | undefined;
  /** release() was called: the memory may be another engine's now, so every entry point refuses. */
  private released = false;
  private readonly keyIds = new Map<string, number>();
  /** Raw blocks the program holds and has not freed (leaked ones included). */
  readonly liveRawBlocks = new Set<number>();
  private step = 0;

  /** The program's version profile is its `cpython` (3.11 when absent). */
  constructor(program: Pick<Program, 'geometry'> & Partial<Pick<Program, 'cpython'>>, options: ImplEngineOptions = {}) {
    const { pool, ...runtimeOptions } = options;
    const memory = pool?.take();
    this.pool = pool;
    this.rt = new Runtime(program.geometry, { cpython: program.cpython, ...runtimeOptions, memory });
    if (memory) {
      memory.names.reset();
      memory.scratch.reset();
    }
    this.names = memory?.names ?? new Bindings();
    this.scratch = memory?.scratch ?? new Code();
  }

  /**
   * The runner is done with this engine (contract/engine.ts): its memory goes back to its pool, if it
   * came from one. Releasing again does nothing; any other call afterwards throws.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    const rt = this.rt;
    const memory: EngineMemory = { table: rt.table, refs: rt.refs, releases: rt.releases, features: rt.features, freelists: rt.freelists, gc: rt.gc, names: this.names, scratch: this.scratch };
    this.pool?.give(memory);
  }

  private usable(): void {
    if (this.released) throw new Error('impl: this engine was released (release()) and cannot be used any more');
  }

  /** Ids of the tuples each collection of the last statement untracked. */
  untrackedTuples(): number[][] {
    this.usable();
    return this.rt.events.untrackedTuples;
  }

  checkHeap(options?: { full?: boolean }): string[] {
    return checkHeap(this, options);
  }

  private inspection: ImplInspection | null = null;

  /** The live objects queried in place (inspection.ts): the snapshot's answers without its records. */
  inspect(): ImplInspection {
    this.usable();
    return (this.inspection ??= new ImplInspection(this)).refresh();
  }

  /** Every semantic event counter so far, runtime and allocator (impl/runtime/features.ts, impl/pymalloc/events.ts). */
  features(): Record<string, number> {
    this.usable();
    return featureRecord(this.rt.features, this.rt.pymalloc.events);
  }

  /** After teardown: objects still alive, and blocks held beyond the raw blocks the program leaked. */
  leftovers(): { objects: number; blocks: number } {
    this.usable();
    return { objects: this.rt.table.live - 2, blocks: this.rt.heap.allocatedBlocks() - this.liveRawBlocks.size };
  }

  /** References held by names, per handle (for the debug heap check). */
  nameReferences(): Map<number, number> {
    this.usable();
    const refs = new Map<number, number>();
    this.visitNameReferences((h) => refs.set(h, (refs.get(h) ?? 0) + 1));
    return refs;
  }

  /** Calls `visit` with the handle of every name bound to an object, once per name (no map). */
  visitNameReferences(visit: (h: number) => void): void {
    this.usable();
    for (const slot of this.names.allSlots()) {
      if (this.names.kind[slot] === BINDING_OBJECT) visit(this.names.handle[slot]);
    }
  }



  execute(s: Statement, options: ImplRunOptions = {}): TraceLine {
    this.usable();
    const ev = this.rt.events;
    ev.reset();
    const tm = this.rt.tracemalloc;
    if (tm !== null) tm.line = s.loc?.line ?? this.step + 1;
    this.executeStatement(s);
    this.step++;
    const line: TraceLine = {
      step: this.step,
      line: s.loc?.line ?? this.step,
      freed: [...ev.freed].sort((a, b) => a - b),
      finalized: [...ev.finalized].sort((a, b) => a - b),
      callbacks: [...ev.callbacks].sort((a, b) => a - b),
      collections: ev.collections,
      count: [this.rt.gc.count[0], this.rt.gc.count[1], this.rt.gc.count[2]],
    };
    if (this.rt.scheduledCollections) line.pending = this.rt.gc.pending;
    if (this.rt.pages !== null) {
      this.rt.pages.endStatement(this.rt.table);
      line.pagesWritten = this.rt.pages.dirty.size;
    }
    if (this.rt.tracemalloc !== null) {
      const traced = this.rt.tracemalloc;
      line.traced = [traced.current, traced.peak];
      line.tracedLines = traced.statistics(this.rt.table.bufAddr[this.rt.revived]);
    }
    if (options.snapshot) {
      line.objects = this.snapshot();
      line.allocator = this.rt.pymalloc.stats();
    }
    return line;
  }

  /** Execute without building a trace line. */
  executeStatement(s: Statement): void {
    this.usable();
    const code = this.scratch;
    code.reset();
    compileStatement(code, s, this.slotOfName);
    this.runInstructions(code, 0, code.length);
  }

  /** A program's statements as instructions for `run`, names resolved to this engine's slots. */
  compile(statements: readonly Statement[]): Code {
    this.usable();
    const code = new Code();
    for (const s of statements) compileStatement(code, s, this.slotOfName);
    return code;
  }

  /** Run compiled instructions without building trace lines (benchmarks). */
  run(code: Code): void {
    this.usable();
    this.runInstructions(code, 0, code.length);
  }

  private runInstructions(code: Code, from: number, to: number): void {
    const rt = this.rt;
    const words = code.words;
    const instanceBytes = rt.instance.blockBytes;
    for (let i = from * WORDS, end = to * WORDS; i < end; i += WORDS) {
      const target = words[i + AT_TARGET];
      switch (words[i + AT_OPCODE]) {
        case OP_NEW_INSTANCE: {
          // newGcObject without a freelist: an instance has none.
          const h = rt.newObject(words[i + AT_OBJECT_KIND], rt.allocateGcMemory(instanceBytes), instanceBytes, true);
          const off = rt.refs.allocate(INSTANCE_SLOTS);
          const cells = rt.refs.cells;
          cells[off + SLOT_A] = EMPTY;
          cells[off + SLOT_B] = EMPTY;
          cells[off + SLOT_C] = EMPTY;
          rt.table.off[h] = off;
          rt.table.len[h] = INSTANCE_SLOTS;
          if (rt.gc.pending) rt.evalBreaker(PENDING_AT_CALL); // `Obj()` returned: the new object is on the stack
          this.bindSlot(target, BINDING_OBJECT, h, 0);
          break;
        }
        case OP_SET_SLOT:
        case OP_DEL_SLOT: {
          const cell = rt.table.off[this.names.handle[target]] + words[i + AT_SLOT];
          const cells = rt.refs.cells;
          const previous = cells[cell];
          if (words[i + AT_OPCODE] === OP_SET_SLOT) {
            const v = this.names.handle[words[i + AT_VALUE]];
            cells[cell] = v;
            if (v >= 0) rt.incref(v);
          } else cells[cell] = EMPTY;
          if (previous >= 0) rt.decref(previous);
          break;
        }
        case OP_BIND_NONE:
        case OP_UNBIND:
          this.bindSlot(target, BINDING_EMPTY, NONE, 0);
          break;
        case OP_REBIND: {
          const source = words[i + AT_SOURCE];
          const kind = this.names.kind[source];
          const h = this.names.handle[source];
          if (h >= 0) rt.incref(h);
          this.bindSlot(target, kind, h, this.names.raw[source]);
          break;
        }
        default:
          this.executeStatementObject(code.statements[words[i + AT_STATEMENT]]);
      }
    }
  }

  /**
   * Every statement kind without an opcode (compile.ts), between its eval-breaker checks: at its entry
   * (`fork()`), and when its call returns. A statement whose call returns a value to bind (or a popped
   * item to drop) has checked before that; then the second check finds nothing pending (binding and
   * releasing allocate nothing).
   */
  private executeStatementObject(s: Statement): void {
    const rt = this.rt;
    // `pending` first: under 3.11 it is never set, and the site table is not consulted.
    if (rt.gc.pending && EVAL_BREAKER_SITES[s.kind] === 'atEntry') rt.evalBreaker(PENDING_AT_CALL);
    this.statementWork(s);
    if (rt.gc.pending && EVAL_BREAKER_SITES[s.kind] === 'afterCall') rt.evalBreaker(PENDING_AT_CALL);
  }

  private statementWork(s: Statement): void {
    const rt = this.rt;
    switch (s.kind) {
      case 'newList': {
        const h = this.newGcObject(KIND_LIST, LIST_OBJECT_BYTES, rt.freelists.lists.pop());
        listInitItems(rt, h, s.items.length);
        s.items.forEach((name, i) => this.storeCell(rt.table.off[h] + i, name));
        return this.bindObject(s.target, h);
      }
      case 'newTuple': {
        const n = s.items.length;
        atBoundary(rt.features, AT_TUPLE_REUSE_LENGTH, n - rt.freelists.reuseMax);
        const h = this.newGcObject(KIND_TUPLE, tupleBytes(n), rt.freelists.popTuple(n));
        rt.table.off[h] = rt.refs.allocate(n);
        rt.table.len[h] = n;
        s.items.forEach((name, i) => this.storeCell(rt.table.off[h] + i, name));
        return this.bindObject(s.target, h);
      }
      case 'newDict': {
        // dict_new_presized: a literal of more than 5 entries allocates its keys before the dict.
        const log2 = presizedLog2(s.entries.length);
        atBoundary(rt.features, AT_DICT_PRESIZED, s.entries.length - kinds.usableFraction(kinds.DICT_LOG_MINSIZE));
        const keys = log2 === 0 ? 0 : allocateKeys(rt, log2);
        const h = this.newGcObject(KIND_DICT, DICT_OBJECT_BYTES, rt.freelists.dicts.pop(), false);
        if (keys !== 0) attachKeys(rt, h, keys, log2);
        for (const [key, name] of s.entries) dictSetItem(rt, h, this.keyId(key), this.valueOf(name));
        return this.bindObject(s.target, h);
      }
      case 'newBytes': {
        const bytes = bytesObjectBytes(s.size);
        const h = rt.newObject(KIND_BYTES, rt.heap.malloc(bytes), bytes, false);
        rt.table.used[h] = s.size;
        if (rt.gc.pending) rt.evalBreaker(PENDING_AT_CALL);
        return this.bindObject(s.target, h);
      }
      case 'newWeakref': {
        const w = newWeakref(rt, this.valueOf(s.referent), s.callback);
        if (rt.gc.pending) rt.evalBreaker(PENDING_AT_CALL);
        return this.bindObject(s.target, w);
      }
      case 'malloc':
      case 'realloc': {
        const old = s.kind === 'realloc' ? this.names.raw[this.slotOf(s.block)] : 0;
        const block = s.kind === 'realloc' ? rt.heap.realloc(old, s.size) : rt.heap.malloc(s.size);
        this.liveRawBlocks.delete(old);
        this.liveRawBlocks.add(block);
        if (rt.gc.pending) rt.evalBreaker(PENDING_AT_CALL); // before the target's old value is released
        return this.bindSlot(this.slotOf(s.target), BINDING_RAW, NONE, block);
      }
      case 'free': {
        const block = this.names.raw[this.slotOf(s.block)];
        this.liveRawBlocks.delete(block);
        return rt.heap.free(block);
      }
      case 'append':
        return listAppend(rt, this.valueOf(s.list), this.valueOf(s.item));
      case 'pop': {
        // The popped item is the call's result: released after the check of the call's return.
        const h = this.valueOf(s.container);
        const item = rt.table.kind[h] === KIND_DICT ? dictPop(rt, h, this.keyId(s.index as string)) : listPop(rt, h, s.index === null ? -1 : (s.index as number));
        if (rt.gc.pending) rt.evalBreaker(PENDING_AT_CALL);
        if (item >= 0) rt.decref(item);
        return;
      }
      case 'delItem': {
        const h = this.valueOf(s.container);
        if (rt.table.kind[h] === KIND_DICT) return dictDelItem(rt, h, this.keyId(s.index as string));
        return listDelItem(rt, h, s.index as number);
      }
      case 'clear': {
        const h = this.valueOf(s.container);
        return rt.table.kind[h] === KIND_DICT ? dictClear(rt, h) : listClear(rt, h);
      }
      case 'setItem': {
        const h = this.valueOf(s.container);
        if (rt.table.kind[h] === KIND_DICT) return dictSetItem(rt, h, this.keyId(s.index as string), this.valueOf(s.value));
        return listSetItem(rt, h, s.index as number, this.valueOf(s.value));
      }
      case 'collect':
        rt.features[COLLECT_EXPLICIT + s.generation]++;
        collect(rt, s.generation);
        return;
      case 'gcEnable':
      case 'gcDisable':
        rt.gc.enabled = s.kind === 'gcEnable';
        return;
      case 'setThreshold':
        s.thresholds.forEach((v, i) => (rt.gc.threshold[i] = v));
        return;
      case 'freeze':
        if (rt.table.gcNext[GEN0] !== GEN0 || rt.table.gcNext[GEN1] !== GEN1 || rt.table.gcNext[GEN2] !== GEN2) rt.features[FREEZE_WITH_OBJECTS]++;
        for (const g of [GEN0, GEN1, GEN2]) gcListMerge(rt.table, g, PERMANENT);
        rt.gc.count.fill(0);
        return;
      case 'unfreeze':
        if (rt.table.gcNext[PERMANENT] !== PERMANENT) rt.features[UNFREEZE_WITH_OBJECTS]++;
        return gcListMerge(rt.table, PERMANENT, GEN2);
      case 'setDebug':
        rt.gc.saveAll = s.saveAll;
        return;
      case 'clearGarbage':
        return listClear(rt, rt.garbage);
      case 'clearRevived':
        return listClear(rt, rt.revived);
      case 'tracemallocStart':
        return startTracing(rt);
      case 'tracemallocStop':
        return stopTracing(rt);
      case 'fork':
        return startForkAccounting(rt);
    }
  }

  /** Live objects with refcount, generation (found by walking the lists), flags, address and size. */
  snapshot(): ObjectSnapshot[] {
    this.usable();
    const t = this.rt.table;
    const generationOf = new Map<number, Generation>();
    const heads: Array<[number, Generation]> = [[GEN0, 0], [GEN1, 1], [GEN2, 2], [PERMANENT, 'permanent']];
    for (const [head, gen] of heads) for (let h = t.gcNext[head]; h !== head; h = t.gcNext[h]) generationOf.set(h, gen);
    const objects: ObjectSnapshot[] = [];
    for (const h of t.rows()) {
      if (t.id[h] === 0) continue;
      objects.push({
        id: t.id[h],
        type: KIND_NAMES[t.kind[h]] as ObjectType,
        refcount: t.refcnt[h],
        gen: generationOf.get(h) ?? null,
        finalized: (t.flags[h] & FINALIZED) !== 0,
        addr: t.addr[h],
        size: getsizeof(t, h),
      });
    }
    return objects.sort((a, b) => a.id - b.id);
  }

  /** A GC object's memory: a freelist block (not counted) or a counted allocation that may collect. */
  private newGcObject(kind: number, bytes: number, freelistAddress: number, tracked = true): number {
    const address = freelistAddress !== 0 ? freelistAddress : this.rt.allocateGcMemory(bytes);
    if (address === freelistAddress) {
      this.rt.features[FREELIST_HIT + kind - KIND_LIST]++;
      if (this.rt.tracemalloc !== null) this.rt.tracemalloc.retrace(address);
    }
    return this.rt.newObject(kind, address, bytes, tracked);
  }

  private slotOf(name: string): number {
    return this.names.slotOf(name);
  }

  private keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) this.keyIds.set(key, (id = this.keyIds.size));
    return id;
  }

  /** The handle a name holds, or NONE for None. */
  private valueOf(name: string): number {
    return this.names.handle[this.slotOf(name)];
  }

  /** Store a name's value into a cell, taking a reference. */
  private storeCell(cell: number, name: string): void {
    const v = this.valueOf(name);
    this.rt.refs.cells[cell] = v;
    if (v >= 0) this.rt.incref(v);
  }

  private bindObject(name: string, h: number): void {
    this.bindSlot(this.slotOf(name), BINDING_OBJECT, h, 0);
  }

  /** STORE_NAME: the new value is in place before the old one is released. */
  private bindSlot(slot: number, kind: number, h: number, raw: number): void {
    const names = this.names;
    const old = names.handle[slot];
    names.kind[slot] = kind;
    names.handle[slot] = h;
    names.raw[slot] = raw;
    if (old >= 0) this.rt.decref(old);
  }
}

export function runImpl(program: Program, options: ImplRunOptions = {}): TraceLine[] {
  const engine = new ImplEngine(program);
  return program.statements.map((s) => engine.execute(s, options));
}

/** The implementation as a plug-in (contract/engine.ts). */
export const createEngine: CreateEngine = (program, hooks) =>
  new ImplEngine(program, { wrapAllocator: hooks.wrapAllocator, pool: factoryPool });

/** The memory of the factory's released engines (enginePool.ts); engines made with `new` are not pooled. */
const factoryPool = new EnginePool();
