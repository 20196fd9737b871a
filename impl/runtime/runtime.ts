/*
 * The runtime: the object space, the allocator, the collector's state and refcounting.
 *
 * Every object is a row of the ObjectTable with its memory in Pymalloc, exactly the requests CPython
 * makes (objects/kinds.ts; an instance's size is its version's). Refcounts are kept by incref/decref on
 * every reference change; an object whose refcount reaches zero is deallocated at once (dealloc.ts),
 * iteratively. GC objects are counted at allocation and may trigger an automatic collection
 * (gc/collect.ts): under an 'inAllocation' profile (3.11) right after their memory is allocated and
 * before the object exists, as `gc_alloc` → `_PyObject_GC_Link` does; under a 'scheduled' one (3.12,
 * 3.13) the allocation only sets `gc.pending`, and `evalBreaker` runs the collection where the
 * interpreter checks its eval breaker (the engine calls it when a call returns; dealloc.ts at a
 * `__del__` or a callback; gc/collect.ts inside a collection).
 *
 * The version profile (contract/cpythonProfiles.ts) is read once, into the fields below; no hot path
 * looks at it again: under 3.11 `gc.pending` is never set, and each check is one false test.
 *
 * The prelude's `revived` list and `gc.garbage` are real list rows (id 0, untracked, one reference held
 * by the runtime): their item arrays grow through the allocator like any list's.
 */
import { Pymalloc } from '../pymalloc/index.js';
import type { Allocator } from '../../contract/allocator.js';
import { DEFAULT_CPYTHON, type AllocatorGeometry, type CPythonVersion } from '../../language/ast.js';
import { cpythonProfile, type InstanceLayout } from '../../contract/cpythonProfiles.js';
import { collectGenerations } from '../gc/collect.js';
import { KIND_LIST, LIST_OBJECT_BYTES } from '../objects/kinds.js';
import { GEN0, ObjectTable, UNTRACKED } from '../objects/objectTable.js';
import { RefStore } from '../objects/refStore.js';
import { deallocate, drainReleases } from './dealloc.js';
import { EventLog } from './eventLog.js';
import {
  AT_THRESHOLD_0, AT_THRESHOLD_0_DEFAULT, COLLECT_SCHEDULED, PENDING_DROPPED, PENDING_FOUND, PENDING_NESTED, PENDING_RAN_NONE, PENDING_WHILE_DISABLED, RUNTIME_FEATURE_COUNT, atBoundary,
} from './features.js';
import { Freelists } from './freelists.js';
import { GcState } from './gcState.js';
import { ReleaseStack } from './releaseStack.js';
import type { PageWrites } from './pageWrites.js';
import type { Tracemalloc } from './tracemalloc.js';

export interface RuntimeOptions {
  initialObjects?: number;
  /** The version profile (default 3.11). */
  cpython?: CPythonVersion;
  /** Wrap the allocator the runtime calls (the lockstep runner replays every call into its model). */
  wrapAllocator?: (pymalloc: Pymalloc) => Allocator;
  /** A released runtime's typed arrays to reuse (impl/enginePool.ts); they are reset to a fresh runtime's state. */
  memory?: RuntimeMemory;
}

/**
 * The part of a runtime worth keeping from one program to the next: the tables whose typed arrays grow
 * with the program, the freelists' stacks, the collector's state and the counters. Everything else (the
 * allocator, the event log, tracemalloc and the fork ledger) is made new.
 */
export interface RuntimeMemory {
  table: ObjectTable;
  refs: RefStore;
  releases: ReleaseStack;
  features: Float64Array;
  freelists: Freelists;
  gc: GcState;
}

export class Runtime {
  readonly table: ObjectTable;
  readonly refs: RefStore;
  /** The allocator itself (for debug walks and statistics). */
  readonly pymalloc: Pymalloc;
  /** What the runtime calls: the allocator, or a wrapper around it. */
  readonly heap: Allocator;
  readonly freelists: Freelists;
  readonly gc: GcState;
  readonly releases: ReleaseStack;
  /** Frames below this depth belong to a release a collection interrupted (evalBreaker): not drained by it. */
  releaseBase = 0;
  // The version profile's rules, read once.
  /** Automatic collections are scheduled, not run in the allocation. */
  readonly scheduledCollections: boolean;
  /** A pending collection meeting a running one nests (3.12) rather than being dropped. */
  readonly nestPending: boolean;
  /** A pending collection meeting a disabled collector runs anyway (3.12.1) rather than being dropped. */
  readonly runPendingWhileDisabled: boolean;
  readonly instance: InstanceLayout;
  /** `pop()` of the last item clears the list (3.12 on) rather than resizing it to zero. */
  readonly popOfLastItemClears: boolean;
  /** `del x[i]` leaves the array as it is (3.13) rather than resizing it. */
  readonly delItemKeepsArray: boolean;
  /** The profile's threshold[0] at start (only observed: rule gc-threshold-0-default). */
  readonly defaultThreshold0: number;
  readonly events = new EventLog();
  /** Semantic event counters (features.ts); observation only. */
  readonly features: Float64Array;
  readonly revived: number;
  readonly garbage: number;
  draining = false;
  /** tracemalloc's traces while it traces (tracemalloc.ts), else null. */
  tracemalloc: Tracemalloc | null = null;
  /** Pages written since `fork()` (pageWrites.ts), else null. */
  pages: PageWrites | null = null;
  /** Record the ids each statement frees, finalizes and calls back (off for benchmarks). */
  recordEvents = true;
  nextId = 1;

  constructor(geometry: AllocatorGeometry, options: RuntimeOptions = {}) {
    const profile = cpythonProfile(options.cpython ?? DEFAULT_CPYTHON);
    this.scheduledCollections = profile.automaticCollection === 'scheduled';
    this.nestPending = profile.pendingDuringCollection === 'nest';
    this.runPendingWhileDisabled = profile.pendingWhileDisabled === 'run';
    this.instance = profile.instance;
    this.popOfLastItemClears = profile.listPopOfLastItem === 'clear';
    this.delItemKeepsArray = profile.listDelItem === 'keepArray';
    this.defaultThreshold0 = profile.defaultThresholds[0];
    const memory = options.memory;
    if (memory) {
      memory.table.reset();
      memory.refs.reset();
      memory.releases.reset();
      memory.features.fill(0);
      memory.freelists.reset(profile.tupleFreelistReuseMax);
      memory.gc.reset(profile.defaultThresholds);
    }
    this.gc = memory?.gc ?? new GcState(profile.defaultThresholds);
    this.freelists = memory?.freelists ?? new Freelists(profile.tupleFreelistReuseMax);
    this.table = memory?.table ?? new ObjectTable(options.initialObjects ?? 128);
    this.refs = memory?.refs ?? new RefStore();
    this.releases = memory?.releases ?? new ReleaseStack();
    this.features = memory?.features ?? new Float64Array(RUNTIME_FEATURE_COUNT);
    this.pymalloc = new Pymalloc(geometry);
    this.heap = options.wrapAllocator ? options.wrapAllocator(this.pymalloc) : this.pymalloc;
    this.revived = this.preludeList();
    this.garbage = this.preludeList();
  }

  incref(h: number): void {
    if (this.pages !== null) this.pages.refcountChanging(this.table, h);
    this.table.refcnt[h]++;
  }

  /** Drop a reference; at zero the object is deallocated before this returns. */
  decref(h: number): void {
    if (this.pages !== null) this.pages.refcountChanging(this.table, h);
    if (--this.table.refcnt[h] !== 0) return;
    deallocate(this, h);
    // Most deaths push no frame (dealloc.ts): nothing to drain then.
    if (!this.draining && this.releases.depth !== this.releaseBase) drainReleases(this);
  }

  /**
   * Memory for a new GC object not served by a freelist: allocate, count, and if the count is over
   * threshold 0 collect — before the caller creates the object, so the collection cannot see it — or,
   * under a 'scheduled' profile, schedule the collection.
   */
  allocateGcMemory(bytes: number): number {
    const address = this.heap.malloc(bytes);
    this.gc.count[0]++;
    const gc = this.gc;
    const threshold0 = gc.threshold[0];
    if (!gc.enabled || threshold0 === 0 || gc.collecting) return address;
    const over = gc.count[0] - threshold0;
    atBoundary(this.features, AT_THRESHOLD_0, over);
    if (threshold0 === this.defaultThreshold0) atBoundary(this.features, AT_THRESHOLD_0_DEFAULT, over);
    if (over > 0) {
      if (!this.scheduledCollections) collectGenerations(this);
      else if (!gc.pending) {
        gc.pending = true;
        this.features[COLLECT_SCHEDULED]++;
      }
    }
    return address;
  }

  /**
   * A check of the eval breaker, with a collection pending (callers test `gc.pending` first): the flag
   * is cleared, then the collection runs, nests or is dropped as the profile says. The caller's state
   * is the interpreter's at that moment: whatever it holds has its reference counted (a new object, a
   * popped item, a dying object's finalizer call), so it survives. A release the check interrupts keeps
   * its frames: the collection drains only the frames it pushes. `site` (features.ts PENDING_AT_*) only
   * counts where the check was.
   */
  evalBreaker(site: number): void {
    const gc = this.gc;
    gc.pending = false;
    this.features[PENDING_FOUND + site]++;
    if (!gc.enabled && !gc.collecting) this.features[PENDING_WHILE_DISABLED]++;
    if (gc.collecting ? !this.nestPending : !gc.enabled && !this.runPendingWhileDisabled) {
      this.features[PENDING_DROPPED]++;
      return;
    }
    if (gc.collecting) this.features[PENDING_NESTED]++;
    const draining = this.draining;
    const base = this.releaseBase;
    this.draining = false;
    this.releaseBase = this.releases.depth;
    if (!collectGenerations(this)) this.features[PENDING_RAN_NONE]++;
    this.draining = draining;
    this.releaseBase = base;
  }

  /** A new object row with the next id; tracked ones join generation 0. */
  newObject(kind: number, address: number, bytes: number, tracked: boolean): number {
    const t = this.table;
    const h = t.newRow(kind, tracked ? GEN0 : UNTRACKED);
    t.id[h] = this.nextId++;
    t.addr[h] = address;
    t.size[h] = bytes;
    if (this.pages !== null) this.pages.created(t, h);
    return h;
  }

  /** `PyObject_GC_Del`'s count: a GC object freed without going to a freelist. */
  uncountGcObject(): void {
    if (this.gc.count[0] > 0) this.gc.count[0]--;
  }

  private preludeList(): number {
    const t = this.table;
    const h = t.newRow(KIND_LIST, UNTRACKED);
    t.id[h] = 0;
    t.size[h] = LIST_OBJECT_BYTES;
    return h;
  }
}
