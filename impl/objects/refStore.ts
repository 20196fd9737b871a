/*
 * Compact storage for the references containers hold: one growing Int32Array of cells.
 *
 * A container owns a run of `capacity` cells at some offset. Runs are carved from the end of the buffer
 * and recycled through segregated free lists, one per power-of-two capacity class; a free run's first
 * cell links to the next free run of its class. No JavaScript object is allocated per container.
 *
 * Cell values: a handle (≥ 0), NONE (Python's None) or EMPTY (an unset slot, a deleted dict entry).
 */
import { doubledPast, grownTo } from '../typedArrays.js';

export const NONE = -1;
export const EMPTY = -2;
const NO_RUN = -1;
const CLASSES = 32;

const classOf = (capacity: number) => 32 - Math.clz32(capacity - 1);

export class RefStore {
  cells: Int32Array;
  private top = 0;
  private readonly freeRuns = new Int32Array(CLASSES).fill(NO_RUN);

  constructor(initialCells = 1 << 10) {
    this.cells = new Int32Array(initialCells);
  }

  /**
   * Back to a fresh store's state, keeping the buffer (engine reuse): the cells ever carved are zeroed,
   * those past `top` never were written.
   */
  reset(): void {
    this.cells.fill(0, 0, this.top);
    this.top = 0;
    this.freeRuns.fill(NO_RUN);
  }

  /** A run of at least `capacity` cells; returns its offset (NO_RUN for capacity 0). */
  allocate(capacity: number): number {
    if (capacity === 0) return NO_RUN;
    const k = classOf(capacity);
    const head = this.freeRuns[k];
    if (head !== NO_RUN) {
      this.freeRuns[k] = this.cells[head];
      return head;
    }
    const size = 1 << k;
    if (this.top + size > this.cells.length) this.grow(this.top + size);
    const offset = this.top;
    this.top += size;
    return offset;
  }

  release(offset: number, capacity: number): void {
    if (capacity === 0 || offset === NO_RUN) return;
    const k = classOf(capacity);
    this.cells[offset] = this.freeRuns[k];
    this.freeRuns[k] = offset;
  }

  /** Move a run to a new capacity, keeping its first `keep` cells. */
  resize(offset: number, oldCapacity: number, newCapacity: number, keep: number): number {
    if (oldCapacity > 0 && newCapacity > 0 && classOf(oldCapacity) === classOf(newCapacity)) return offset;
    const moved = this.allocate(newCapacity);
    if (keep > 0) this.cells.copyWithin(moved, offset, offset + keep);
    this.release(offset, oldCapacity);
    return moved;
  }

  /** Bytes held by the buffer (for the memory-per-object figure). */
  byteLength(): number {
    return this.cells.byteLength;
  }

  private grow(minimum: number): void {
    this.cells = grownTo(this.cells, doubledPast(this.cells.length * 2, minimum - 1));
  }
}
