/*
 * The allocator check of the weaker contract levels (docs/contract-levels.md): a wrapper around the
 * engine's allocator that knows nothing of pymalloc — no size classes, pools, arenas or reuse order —
 * and checks only what every allocator owes: a block handed out overlaps no block still allocated, and
 * only a live block (or NULL, 0) is freed or reallocated (`blocks-disjoint-and-aligned`; alignment is CPython's
 * business, the checkedAllocator's). The live blocks are a Map from start to end plus a sorted array of
 * starts, searched by bisection: a plain structure for a plain question.
 */
import type { Allocator } from '../../contract/allocator.js';
import { AllocatorMismatch } from './checkedAllocator.js';
import { emptyAllocatorExercise, resetAllocatorExercise, type AllocatorExercise } from './exercise.js';

const hex = (a: number) => '0x' + a.toString(16);

export class DisjointBlocks implements Allocator {
  private readonly ends = new Map<number, number>();
  private readonly starts: number[] = [];
  private exercise = emptyAllocatorExercise();
  private spare = emptyAllocatorExercise();

  constructor(private readonly inner: Allocator) {}

  /** Live blocks, for the teardown's leftovers. */
  get live(): number {
    return this.ends.size;
  }

  malloc(n: number): number {
    const address = this.inner.malloc(n);
    this.handOut(address, n, `malloc(${n})`);
    return address;
  }

  realloc(address: number, n: number): number {
    // realloc(NULL, n) is malloc(n), as in C.
    if (address !== 0) this.expectLive(address, `realloc(${hex(address)}, ${n})`);
    const moved = this.inner.realloc(address, n);
    if (address !== 0) this.release(address);
    this.handOut(moved, n, `realloc(${hex(address)}, ${n})`);
    return moved;
  }

  free(address: number): void {
    if (address === 0) return this.inner.free(address); // free(NULL) does nothing, as in C
    this.expectLive(address, `free(${hex(address)})`);
    this.inner.free(address);
    this.release(address);
  }

  blockSize(address: number): number {
    return this.inner.blockSize(address);
  }

  allocatedBlocks(): number {
    return this.inner.allocatedBlocks();
  }

  /** What the statement's calls exercised (only `handedOutBesideLive` means anything here). */
  endStep(): AllocatorExercise {
    const done = this.exercise;
    this.exercise = this.spare;
    resetAllocatorExercise(this.exercise);
    this.spare = done;
    return done;
  }

  private expectLive(address: number, call: string): void {
    if (!this.ends.has(address)) throw new AllocatorMismatch('blocks-disjoint-and-aligned', `${call}: ${hex(address)} is not a live block`, [address]);
  }

  private handOut(address: number, n: number, call: string): void {
    const end = address + Math.max(1, n, this.inner.blockSize(address));
    const k = this.insertionPoint(address);
    const before = k > 0 ? this.starts[k - 1] : undefined;
    const after = k < this.starts.length ? this.starts[k] : undefined;
    const clash = before !== undefined && this.ends.get(before)! > address ? before : after !== undefined && after < end ? after : undefined;
    if (clash !== undefined || this.ends.has(address)) {
      const other = clash ?? address;
      throw new AllocatorMismatch('blocks-disjoint-and-aligned',
        `${call} returned ${hex(address)}..${hex(end)}, which overlaps the live block ${hex(other)}..${hex(this.ends.get(other)!)}`, [address, other]);
    }
    if (this.starts.length > 0) this.exercise.handedOutBesideLive++;
    this.starts.splice(k, 0, address);
    this.ends.set(address, end);
  }

  private release(address: number): void {
    this.ends.delete(address);
    this.starts.splice(this.insertionPoint(address), 1);
  }

  /** The first index whose start is ≥ address. */
  private insertionPoint(address: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < address) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
