/*
 * tracemalloc, kept incrementally (`Modules/_tracemalloc.c`): one trace per live block that was
 * allocated while tracing, keyed by address, holding the requested size and the line of the statement
 * running at the time. Pymalloc calls the three hooks below from malloc, realloc and free when a tracer
 * is installed (`Pymalloc.tracer`); with no tracer the allocator's only cost is one null check.
 *
 *   malloc(n) → p        add trace p: (n, line)
 *   realloc(q, n) → p    remove trace q (if p ≠ q), then add or replace trace p: (n, line) — even when q
 *                        was never traced, as `tracemalloc_realloc` does
 *   free(p)              remove trace p, if any
 *   current += / −= size; peak = max(peak, current) after every add.
 *
 * Freelists do not call the allocator, so a dead list on the list freelist keeps its trace; a list
 * reusing that block moves the trace to its own line (`retrace`, CPython's `_Py_NewReference`).
 *
 * Layout: an open-addressing table (linear probing, backward-shift deletion, no tombstones) over
 *   keys  Float64Array   address (0 = empty slot)
 *   size  Float64Array   requested bytes
 *   line  Int32Array     allocating line
 * and per-line totals lineSize / lineCount (indexed by line), so statistics cost O(lines).
 * The table doubles at half load. `revived`'s items array is grown by `Lazarus.__del__`, prelude code,
 * so `statistics` moves its trace out of the program's lines (`preludeBlock`).
 */
import type { TracedLine } from '../../contract/trace.js';
import { installAllocatorHooks, type HookHost } from './pageWrites.js';
import { doubledPast, grownTo } from '../typedArrays.js';

const EMPTY = 0;

export class Tracemalloc {
  /** The line of the statement running now (set by the engine). */
  line = 0;
  current = 0;
  peak = 0;
  private keys = new Float64Array(1024);
  private size = new Float64Array(1024);
  private lines = new Int32Array(1024);
  private used = 0;
  private lineSize = new Float64Array(64);
  private lineCount = new Uint32Array(64);

  traceMalloc(address: number, size: number): void {
    let i = this.slot(address);
    if (this.keys[i] === EMPTY) {
      if (2 * (this.used + 1) > this.keys.length) {
        this.grow();
        i = this.slot(address);
      }
      this.keys[i] = address;
      this.used++;
    } else {
      this.untally(i);
    }
    this.size[i] = size;
    this.lines[i] = this.line;
    this.tally(i);
    if (this.current > this.peak) this.peak = this.current;
  }

  /**
   * `_PyTraceMalloc_NewReference`: an object made anew in a traced block (taken off a freelist, or
   * resurrected by its `__del__` during deallocation) has its trace moved to the current line.
   */
  retrace(address: number): void {
    const i = this.slot(address);
    if (this.keys[i] === EMPTY) return;
    this.untally(i);
    this.lines[i] = this.line;
    this.tally(i);
  }

  traceRealloc(old: number, address: number, size: number): void {
    if (old !== address && old !== 0) this.traceFree(old);
    this.traceMalloc(address, size);
  }

  traceFree(address: number): void {
    let i = this.slot(address);
    if (this.keys[i] === EMPTY) return;
    this.untally(i);
    this.keys[i] = EMPTY;
    this.used--;
    // Backward-shift: pull later entries of the probe run into the hole.
    const mask = this.keys.length - 1;
    for (let j = (i + 1) & mask; this.keys[j] !== EMPTY; j = (j + 1) & mask) {
      const home = this.home(this.keys[j]);
      if (((j - home) & mask) >= ((j - i) & mask)) {
        this.keys[i] = this.keys[j];
        this.size[i] = this.size[j];
        this.lines[i] = this.lines[j];
        this.keys[j] = EMPTY;
        i = j;
      }
    }
  }

  /** The program's lines, ascending; the block at `preludeBlock` (if traced) belongs to the prelude. */
  statistics(preludeBlock: number): TracedLine[] {
    const out: TracedLine[] = [];
    const i = preludeBlock === 0 ? -1 : this.slot(preludeBlock);
    const preludeLine = i >= 0 && this.keys[i] !== EMPTY ? this.lines[i] : -1;
    for (let line = 1; line < this.lineCount.length; line++) {
      let count = this.lineCount[line];
      let size = this.lineSize[line];
      if (line === preludeLine) {
        count--;
        size -= this.size[i];
      }
      if (count > 0) out.push({ line, size, count });
    }
    return out;
  }

  private tally(i: number): void {
    const line = this.lines[i];
    if (line >= this.lineCount.length) this.growLines(line);
    this.lineSize[line] += this.size[i];
    this.lineCount[line]++;
    this.current += this.size[i];
  }

  private untally(i: number): void {
    this.lineSize[this.lines[i]] -= this.size[i];
    this.lineCount[this.lines[i]]--;
    this.current -= this.size[i];
  }

  private home(address: number): number {
    const g = address / 16;
    return (Math.imul((g % 0x40000000) ^ Math.floor(g / 0x40000000), 0x9e3779b1) >>> 0) & (this.keys.length - 1);
  }

  /** The slot holding `address`, or the empty slot where it would go. */
  private slot(address: number): number {
    const mask = this.keys.length - 1;
    let i = this.home(address);
    while (this.keys[i] !== EMPTY && this.keys[i] !== address) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const { keys, size, lines } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.size = new Float64Array(keys.length * 2);
    this.lines = new Int32Array(keys.length * 2);
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === EMPTY) continue;
      const i = this.slot(keys[j]);
      this.keys[i] = keys[j];
      this.size[i] = size[j];
      this.lines[i] = lines[j];
    }
  }

  private growLines(line: number): void {
    const n = doubledPast(this.lineCount.length, line);
    this.lineSize = grownTo(this.lineSize, n);
    this.lineCount = grownTo(this.lineCount, n);
  }
}

/** The runtime side of `tracemalloc.start()` / `stop()`: install or drop the allocator hooks. */
export interface TracingHost extends HookHost {
  tracemalloc: Tracemalloc | null;
}

export function startTracing(rt: TracingHost): void {
  if (rt.tracemalloc !== null) return; // already tracing: start() does nothing
  rt.tracemalloc = new Tracemalloc();
  installAllocatorHooks(rt);
}

/** `stop()` forgets every trace; current and peak read 0 again. */
export function stopTracing(rt: TracingHost): void {
  rt.tracemalloc = null;
  installAllocatorHooks(rt);
}
