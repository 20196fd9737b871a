/*
 * tracemalloc, naively (docs/abstract-machine.md "tracemalloc").
 *
 * CPython's tracemalloc hooks PyMem_* and PyObject_* and keeps one *trace* per live memory block it saw
 * allocated: the requested size and the line of the innermost Python frame at that moment. The model
 * keeps the same thing as a Set of block records: a block is traced when it was allocated (or
 * reallocated) while tracing was on, and stays traced — on a freelist too, where CPython keeps the memory
 * without freeing it — until it is freed or tracing stops.
 *
 *   current = the sizes of the traced blocks, summed;
 *   peak    = the largest `current` right after any trace was added since tracing started;
 *   per line (`statistics('lineno')` for the program's lines) = the traced blocks grouped by line.
 *
 * An object made anew in a traced block — taken off a freelist, or resurrected by `__del__` during
 * deallocation — moves the trace to the current line (CPython's `_Py_NewReference`).
 *
 * A block allocated by prelude code (`Lazarus.__del__` appending to `revived`) is traced at
 * PRELUDE_LINE: it counts in current and peak, not in the program's lines.
 */

export const PRELUDE_LINE = 0;

/** One memory block of a model object, a freelist or a raw allocation. */
export class MemBlock {
  /** The line that allocated it, while traced; null when not traced. */
  line: number | null = null;
  constructor(
    readonly size: number,
    /** Its address, when the model runs its own allocator (a program that forks), else 0. */
    readonly addr = 0,
  ) {}
}

/** Where blocks are placed: the model's naive allocator, and the fork ledger told of every call. */
export interface BlockPlacement {
  malloc(size: number): number;
  realloc(address: number, size: number): number;
  free(address: number): void;
  /** A malloc or free of the block at this address (copy-on-write accounting). */
  call(address: number): void;
}

export interface LineStatistic {
  line: number;
  size: number;
  count: number;
}

export class Tracer {
  tracing = false;
  /** The line of the statement running now. */
  line = 0;
  /** Above 0 while prelude code (a `__del__`) allocates. */
  preludeDepth = 0;
  current = 0;
  peak = 0;
  private readonly traced = new Set<MemBlock>();
  /**
   * Traced blocks whose line the model cannot vouch for: the garbage one collection freed onto a
   * freelist lands there in CPython's list order, which the model leaves open (collect.ts); once a
   * program takes one of those entries, the block it got and the entries left beside it may hold each
   * other's lines. The lockstep check then compares the program lines' totals, not line by line.
   */
  private readonly lineOpen = new Set<MemBlock>();
  /** Set when the program forks: every block then gets an address (pageWrites.ts). */
  placement: BlockPlacement | null = null;

  /** A new block of `size` bytes (traced if tracing is on). */
  allocate(size: number): MemBlock {
    const p = this.placement;
    const b = new MemBlock(size, p ? p.malloc(size) : 0);
    if (p) p.call(b.addr);
    if (this.tracing) this.trace(b);
    return b;
  }

  /** Realloc: the old block's trace goes, the new block is traced at the current line. */
  reallocate(old: MemBlock | null, size: number): MemBlock {
    const p = this.placement;
    if (!p || !old) {
      if (old) this.free(old);
      return this.allocate(size);
    }
    const addr = p.realloc(old.addr, size);
    if (addr !== old.addr) p.call(addr), p.call(old.addr);
    this.untrace(old);
    const b = new MemBlock(size, addr);
    if (this.tracing) this.trace(b);
    return b;
  }

  free(b: MemBlock): void {
    if (this.placement) {
      this.placement.free(b.addr);
      this.placement.call(b.addr);
    }
    this.untrace(b);
  }

  /** A freelist entry of open order was taken: these blocks' lines are open from now on. */
  openLines(blocks: Iterable<MemBlock>): void {
    for (const b of blocks) if (this.traced.has(b)) this.lineOpen.add(b);
  }

  /** Some traced block's line is open (see lineOpen). */
  get linesOpen(): boolean {
    return this.lineOpen.size > 0;
  }

  private untrace(b: MemBlock): void {
    this.lineOpen.delete(b);
    if (!this.traced.delete(b)) return;
    this.current -= b.size;
    b.line = null;
  }

  /**
   * `_Py_NewReference`: an object made anew in a traced block (off a freelist, or resurrected by its
   * `__del__` during deallocation) moves the block's trace to the current line.
   */
  retrace(b: MemBlock): void {
    if (this.traced.has(b)) b.line = this.preludeDepth > 0 ? PRELUDE_LINE : this.line;
  }

  start(): void {
    this.tracing = true;
  }

  /** `tracemalloc.stop()`: every trace is forgotten, and current and peak read 0. */
  stop(): void {
    for (const b of this.traced) b.line = null;
    this.traced.clear();
    this.lineOpen.clear();
    this.tracing = false;
    this.current = this.peak = 0;
  }

  /** The program's lines, ascending, with the bytes and blocks they hold. */
  statistics(): LineStatistic[] {
    const byLine = new Map<number, LineStatistic>();
    for (const b of this.traced) {
      if (b.line === PRELUDE_LINE) continue;
      const s = byLine.get(b.line!) ?? { line: b.line!, size: 0, count: 0 };
      s.size += b.size;
      s.count++;
      byLine.set(s.line, s);
    }
    return [...byLine.values()].sort((a, b) => a.line - b.line);
  }

  private trace(b: MemBlock): void {
    b.line = this.preludeDepth > 0 ? PRELUDE_LINE : this.line;
    this.traced.add(b);
    this.current += b.size;
    if (this.current > this.peak) this.peak = this.current;
  }
}
