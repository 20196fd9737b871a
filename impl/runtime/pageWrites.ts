/*
 * fork() and copy-on-write page accounting, kept incrementally (docs/abstract-machine.md "fork and
 * copy-on-write"). After `fork()` every 4 KiB page of the simulated address space the child writes is
 * recorded once:
 *
 *   P1 header     an object created, freed, or whose refcount differs after the statement from before
 *                 it: the page of its header (block + 16 for GC objects, the block for bytes, an
 *                 instance's at its version's offset: block + 32 from 3.12);
 *   P2 GC links   every object of the generations a collection scans, at its start: its GC head's page
 *                 (the block's; an instance's block + 16 from 3.12);
 *   P3 allocator  malloc / free (and a realloc that moves): the block's page, and its pool header's
 *                 page for a pymalloc block.
 *
 * P1 is "net": incref and decref record the row's refcount the first time a statement touches it
 * (stamp, firstRc, firstId: typed arrays indexed by row), and `endStatement` writes the header of each
 * touched row still holding the same object with a different refcount. With no fork the runtime's only
 * cost is one null check per incref/decref and allocator call. The dirty set is a Set of page numbers:
 * it is touched once per written page, not per event.
 */
import { ARENA_REGION_BASE } from '../pymalloc/addressSpace.js';
import type { AllocationTracer } from '../../contract/allocator.js';
import { KIND_BYTES, KIND_FREE, isInstanceKind } from '../objects/kinds.js';
import type { InstanceLayout } from '../../contract/cpythonProfiles.js';
import type { ObjectTable } from '../objects/objectTable.js';
import { doubledPast, grownTo } from '../typedArrays.js';

export const PAGE_SIZE = 4096;

export class PageWrites implements AllocationTracer {
  readonly dirty = new Set<number>();
  private stamp = new Int32Array(1024);
  private firstRc = new Int32Array(1024);
  private firstId = new Float64Array(1024);
  private touched = new Int32Array(256);
  private touchedCount = 0;
  private statement = 1;

  private readonly instanceHeader: number;
  private readonly instanceGcHead: number;

  constructor(private readonly poolSize: number, instance: InstanceLayout) {
    this.instanceHeader = instance.headerOffset;
    this.instanceGcHead = instance.gcHeadOffset;
  }

  write(address: number): void {
    this.dirty.add(Math.floor(address / PAGE_SIZE));
  }

  writeHeader(t: ObjectTable, h: number): void {
    const kind = t.kind[h];
    this.write(kind === KIND_BYTES ? t.addr[h] : t.addr[h] + (isInstanceKind(kind) ? this.instanceHeader : 16));
  }

  /** Before an incref or decref of row h. */
  refcountChanging(t: ObjectTable, h: number): void {
    if (h >= this.stamp.length) this.growRows(h);
    if (this.stamp[h] === this.statement) return;
    this.stamp[h] = this.statement;
    this.firstRc[h] = t.refcnt[h];
    this.firstId[h] = t.id[h];
    if (this.touchedCount === this.touched.length) {
      this.touched = grownTo(this.touched, this.touched.length * 2);
    }
    this.touched[this.touchedCount++] = h;
  }

  /** A new object (refcount set to 1) or one about to be freed (its last decref). */
  created(t: ObjectTable, h: number): void {
    if (t.id[h] !== 0) this.writeHeader(t, h);
  }

  /** P2: the GC head of every tracked object in generations 0..g (list heads are rows 0..3). */
  scan(t: ObjectTable, generation: number): void {
    for (let g = 0; g <= generation; g++) {
      for (let h = t.gcNext[g]; h !== g; h = t.gcNext[h]) this.write(isInstanceKind(t.kind[h]) ? t.addr[h] + this.instanceGcHead : t.addr[h]);
    }
  }

  /** P1 for the statement just run. */
  endStatement(t: ObjectTable): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const h = this.touched[i];
      // A row freed since wrote its header when it died (created()), under its own kind: a freed row's
      // kind no longer says where its header is.
      if (t.kind[h] === KIND_FREE) continue;
      if (t.id[h] !== 0 && t.id[h] === this.firstId[h] && t.refcnt[h] !== this.firstRc[h]) this.writeHeader(t, h);
    }
    this.touchedCount = 0;
    this.statement++;
  }

  traceMalloc(address: number): void {
    this.allocatorCall(address);
  }

  traceRealloc(old: number, address: number): void {
    if (old === address) return;
    this.allocatorCall(address);
    if (old !== 0) this.allocatorCall(old);
  }

  traceFree(address: number): void {
    this.allocatorCall(address);
  }

  private allocatorCall(address: number): void {
    this.write(address);
    if (address >= ARENA_REGION_BASE) this.write(address - ((address - ARENA_REGION_BASE) % this.poolSize));
  }

  private growRows(h: number): void {
    const n = doubledPast(this.stamp.length, h);
    this.stamp = grownTo(this.stamp, n);
    this.firstRc = grownTo(this.firstRc, n);
    this.firstId = grownTo(this.firstId, n);
  }
}

/** Both allocator listeners at once (tracemalloc and the fork ledger). */
class BothHooks implements AllocationTracer {
  constructor(private readonly a: AllocationTracer, private readonly b: AllocationTracer) {}
  traceMalloc(address: number, size: number): void {
    this.a.traceMalloc(address, size);
    this.b.traceMalloc(address, size);
  }
  traceRealloc(old: number, address: number, size: number): void {
    this.a.traceRealloc(old, address, size);
    this.b.traceRealloc(old, address, size);
  }
  traceFree(address: number): void {
    this.a.traceFree(address);
    this.b.traceFree(address);
  }
}

export interface HookHost {
  tracemalloc: AllocationTracer | null;
  pages: PageWrites | null;
  pymalloc: { tracer: AllocationTracer | null };
}

/** The allocator's listener: tracemalloc, the fork ledger, both, or none. */
export function installAllocatorHooks(rt: HookHost): void {
  const { tracemalloc, pages } = rt;
  rt.pymalloc.tracer = tracemalloc && pages ? new BothHooks(tracemalloc, pages) : tracemalloc ?? pages;
}

/** `fork()`: the program goes on as the child, with no page written yet (a second fork starts over). */
export function startForkAccounting(rt: HookHost & { pymalloc: { geometry: { poolSize: number } }; instance: InstanceLayout }): void {
  rt.pages = new PageWrites(rt.pymalloc.geometry.poolSize, rt.instance);
  installAllocatorHooks(rt);
}
