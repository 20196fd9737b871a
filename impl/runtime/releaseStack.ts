/*
 * The deallocation work stack: CPython's recursive deallocators, unrolled.
 *
 * When an object dies, its deallocator walks its children and decrefs each; a child that dies is
 * deallocated completely before the next sibling. Here each such walk is a *frame*: a run of child cells
 * to release in a given direction, and what to do when the run is done (free the dying object, or free a
 * detached items array or keys table). Frames live in typed arrays, so a chain a million objects deep
 * takes a million frames of memory, not a million JavaScript stack frames — the effect of CPython's
 * trashcan without its reordering (docs/cpython-3.11.md#trashcan: CPython defers deallocations nested
 * deeper than 50; the order differs only in such deep chains).
 *
 * Frame layout (one row per frame):
 *   cell    Int32    next cell to release (absolute RefStore index)
 *   left    Int32    cells left to release
 *   stride  Int8     +1 forward, -1 backward (list and tuple items), +2 dict values
 *   finish  Uint8    FINISH_OBJECT, FINISH_ITEMS, FINISH_KEYS
 *   owner   Int32    FINISH_OBJECT: the dying object
 *   run     Int32    the RefStore run to release (detached runs)
 *   runCap  Int32
 *   buffer  Float64  the items array or keys object to free (0: none)
 *   log2    Int32    FINISH_KEYS: log2 size of the keys table (freelist eligibility)
 */
import { grownTo, type TypedArray } from '../typedArrays.js';
export const FINISH_OBJECT = 0;
export const FINISH_ITEMS = 1;
export const FINISH_KEYS = 2;

const INITIAL_FRAMES = 32;

export class ReleaseStack {
  depth = 0;
  cell!: Int32Array;
  left!: Int32Array;
  stride!: Int8Array;
  finish!: Uint8Array;
  owner!: Int32Array;
  run!: Int32Array;
  runCap!: Int32Array;
  buffer!: Float64Array;
  log2!: Int32Array;

  constructor() {
    this.allocate(INITIAL_FRAMES);
  }

  /**
   * Back to a fresh stack's state (engine reuse, impl/enginePool.ts): the arrays are zeroed if they are
   * still their first size, and made new if a deep release grew them — zeroing a million frames for
   * every later engine would cost more than the allocation it saves.
   */
  reset(): void {
    this.depth = 0;
    if (this.cell.length > INITIAL_FRAMES) return this.allocate(INITIAL_FRAMES);
    for (const column of [this.cell, this.left, this.stride, this.finish, this.owner, this.run, this.runCap, this.buffer, this.log2]) column.fill(0);
  }

  private allocate(n: number): void {
    this.cell = new Int32Array(n);
    this.left = new Int32Array(n);
    this.stride = new Int8Array(n);
    this.finish = new Uint8Array(n);
    this.owner = new Int32Array(n);
    this.run = new Int32Array(n);
    this.runCap = new Int32Array(n);
    this.buffer = new Float64Array(n);
    this.log2 = new Int32Array(n);
  }

  push(cell: number, left: number, stride: number, finish: number, owner: number): number {
    if (this.depth === this.cell.length) this.grow();
    const f = this.depth++;
    this.cell[f] = cell;
    this.left[f] = left;
    this.stride[f] = stride;
    this.finish[f] = finish;
    this.owner[f] = owner;
    return f; // run, runCap, buffer, log2: only detached frames read them, and their pusher sets them

  }

  private grow(): void {
    const n = this.cell.length * 2;
    const grown = <T extends TypedArray>(a: T): T => grownTo(a, n);
    this.cell = grown(this.cell);
    this.left = grown(this.left);
    this.stride = grown(this.stride);
    this.finish = grown(this.finish);
    this.owner = grown(this.owner);
    this.run = grown(this.run);
    this.runCap = grown(this.runCap);
    this.buffer = grown(this.buffer);
    this.log2 = grown(this.log2);
  }
}
