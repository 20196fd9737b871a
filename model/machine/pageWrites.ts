/*
 * fork() and copy-on-write, naively (docs/abstract-machine.md "fork and copy-on-write").
 *
 * After `fork()` the program runs as the child: every 4 KiB page of the simulated address space it
 * writes becomes a private copy. The ledger is the Set of pages written since the (last) fork:
 *
 *   P1 header     an object whose refcount the statement changed (before vs after it), created or freed:
 *                 the page of its header (the object address: its block + 16 for GC objects, the GC
 *                 head coming first; the block itself for bytes; an instance's where its version's
 *                 layout puts it, block + 32 from 3.12, after the managed-weakref pre-header);
 *   P2 GC links   every object a collection scans — every tracked object of the generations it
 *                 collects, at its start — the page of its GC head (its block's address; an
 *                 instance's block + 16 from 3.12);
 *   P3 allocator  a malloc or free writes the block's first word (free-list link) and, for a pymalloc
 *                 block, its pool's header (at the pool's base); a realloc that moves is a malloc and a
 *                 free; raw blocks have no pool header.
 *
 * Addresses come from the model's own naive allocator (model/allocator/), driven by the memory layer
 * (memory.ts) with CPython's sequence of calls; the ledger asks nothing of the implementation.
 */
import { ARENA_REGION_BASE } from '../allocator/index.js';
import type { ObjectType } from '../../contract/trace.js';
import type { InstanceLayout } from '../../contract/cpythonProfiles.js';
import { isInstanceType } from './heap.js';

export const PAGE_SIZE = 4096;

export class PageLedger {
  /** Pages written since the last fork, or null before any fork. */
  dirty: Set<number> | null = null;
  /**
   * Every object's refcount when the last fork happened: the P1 baseline of the statement that forked
   * (what a collection run at `fork()`'s entry did to refcounts was the parent's).
   */
  refcountsAtFork = new Map<number, number>();

  constructor(private readonly poolSize: number, private readonly instance: InstanceLayout) {}

  fork(refcounts: Map<number, number>): void {
    this.dirty = new Set();
    this.refcountsAtFork = refcounts;
  }

  write(address: number): void {
    this.dirty?.add(Math.floor(address / PAGE_SIZE));
  }

  /** P3: an allocator call on the block at `address`. */
  allocatorCall(address: number): void {
    if (this.dirty === null) return;
    this.write(address);
    if (address >= ARENA_REGION_BASE) this.write(address - ((address - ARENA_REGION_BASE) % this.poolSize));
  }

  /** The object address (what its refcount lives at) of an object whose block is at `block`. */
  headerAddress(type: ObjectType, block: number): number {
    if (type === 'bytes') return block;
    return isInstanceType(type) ? block + this.instance.headerOffset : block + 16;
  }

  /** Where a GC object's GC head (what a collection's scan writes) is. */
  gcHeadAddress(type: ObjectType, block: number): number {
    return isInstanceType(type) ? block + this.instance.gcHeadOffset : block;
  }
}

