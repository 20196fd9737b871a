/*
 * The implementation's live objects queried in place (contract/engine.ts HeapInspection): what
 * `ImplEngine.snapshot()` lists, without a record per object. The lockstep runner asks every live
 * object's fields once per statement; building and sorting a snapshot for that was most of its cost.
 *
 * `refresh()` (after each statement) walks the rows once and the four generation lists once, into
 * columns reused from statement to statement:
 *   rowOfId[id]   the row holding the object with that id, valid where stamp[id] is this refresh's epoch
 *   genOfRow[h]   GEN_CODE of row h's generation list (−1 untracked), set for every live row
 * exactly as the snapshot does: an object is live iff its row is in use and has an id (the prelude's
 * `revived` and `gc.garbage` rows have none); its generation is the list the walk from a head met it
 * in (the last one, should a broken table put it in two — the snapshot's Map answers the same).
 */
import type { Generation, ObjectSnapshot } from '../contract/trace.js';
import type { HeapInspection } from '../contract/engine.js';
import type { ImplEngine } from './engine.js';
import { KIND_FREE } from './objects/kinds.js';
import { FINALIZED, GEN0, GEN1, GEN2, HEADS, PERMANENT } from './objects/objectTable.js';
import { getsizeof } from './runtime/sizes.js';
import { doubledPast, grownTo } from './typedArrays.js';

/** Generation codes of genOfRow: the generation lists in order, −1 for none. */
const GENERATIONS: readonly Generation[] = [0, 1, 2, 'permanent'];
const HEAD_OF_CODE = [GEN0, GEN1, GEN2, PERMANENT];
const UNTRACKED_CODE = -1;

export class ImplInspection implements HeapInspection {
  count = 0;
  private epoch = 0;
  private stamp = new Uint32Array(64);
  private rowOfId = new Int32Array(64);
  private genOfRow = new Int8Array(64);

  constructor(private readonly engine: ImplEngine) {}

  refresh(): this {
    const t = this.engine.rt.table;
    if (this.genOfRow.length < t.capacity) this.genOfRow = new Int8Array(t.capacity);
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    const { genOfRow, epoch } = this;
    let count = 0;
    for (let h = HEADS, end = t.rowsEnd(); h < end; h++) {
      if (t.kind[h] === KIND_FREE) continue;
      genOfRow[h] = UNTRACKED_CODE;
      const id = t.id[h];
      if (id === 0) continue;
      if (id >= this.stamp.length) this.grow(id);
      this.stamp[id] = epoch;
      this.rowOfId[id] = h;
      count++;
    }
    for (let code = 0; code < HEAD_OF_CODE.length; code++) {
      const head = HEAD_OF_CODE[code];
      for (let h = t.gcNext[head]; h !== head; h = t.gcNext[h]) if (h < genOfRow.length) genOfRow[h] = code;
    }
    this.count = count;
    return this;
  }

  private grow(id: number): void {
    const n = doubledPast(this.stamp.length, id);
    this.stamp = grownTo(this.stamp, n);
    this.rowOfId = grownTo(this.rowOfId, n);
  }

  has(id: number): boolean {
    return id > 0 && id < this.stamp.length && this.stamp[id] === this.epoch;
  }

  refcount(id: number): number {
    return this.engine.rt.table.refcnt[this.rowOfId[id]];
  }

  gen(id: number): Generation {
    const code = this.genOfRow[this.rowOfId[id]];
    return code === UNTRACKED_CODE ? null : GENERATIONS[code];
  }

  finalized(id: number): boolean {
    return (this.engine.rt.table.flags[this.rowOfId[id]] & FINALIZED) !== 0;
  }

  addr(id: number): number {
    return this.engine.rt.table.addr[this.rowOfId[id]];
  }

  size(id: number): number {
    return getsizeof(this.engine.rt.table, this.rowOfId[id]);
  }

  snapshot(): ObjectSnapshot[] {
    return this.engine.snapshot();
  }
}
