/*
 * The program's names: each name gets a slot the first time it is seen (by the compiler or by a
 * statement), and a slot's binding lives in typed arrays. A name holds nothing (unbound or None: no
 * reference either way), an object handle (one reference), or a raw block address.
 *
 *   kind     Uint8    BINDING_EMPTY, BINDING_OBJECT, BINDING_RAW
 *   handle   Int32    the object, or NONE (-1) for any other binding — what a statement reads
 *   raw      Float64  the raw block (BINDING_RAW)
 *
 * `handle` is kept NONE for every binding but an object, so reading a name's value is one load.
 */
import { NONE } from './objects/refStore.js';
import { grownTo } from './typedArrays.js';

export const BINDING_EMPTY = 0;
export const BINDING_OBJECT = 1;
export const BINDING_RAW = 2;

export class Bindings {
  private readonly slots = new Map<string, number>();
  kind = new Uint8Array(64);
  handle = new Int32Array(64).fill(NONE);
  raw = new Float64Array(64);

  slotOf(name: string): number {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(name, slot);
      if (slot === this.kind.length) this.grow();
    }
    return slot;
  }

  /** Back to fresh bindings (engine reuse): no name, and every slot that held one as a new slot reads. */
  reset(): void {
    const used = this.slots.size;
    this.slots.clear();
    this.kind.fill(BINDING_EMPTY, 0, used);
    this.handle.fill(NONE, 0, used);
    this.raw.fill(0, 0, used);
  }

  /** Every slot in use (debug walks). */
  allSlots(): IterableIterator<number> {
    return this.slots.values();
  }

  private grow(): void {
    const n = this.kind.length * 2;
    this.kind = grownTo(this.kind, n);
    this.handle = grownTo(this.handle, n, NONE);
    this.raw = grownTo(this.raw, n);
  }
}
