/*
 * Write marks: which parts of the allocator were written since the debug check last looked, so that
 * impl/debug/checkPymalloc.ts can re-verify only those (its incremental check; the algorithm, the state it
 * keeps and why it is sound are in its opening comment).
 *
 * The marks are set where the data is written, in the method that writes it (pools.ts, arenas.ts,
 * pymalloc.ts, addressSpace.ts), next to the write and on the same index, never by a caller on its
 * callee's behalf: a defect in a caller (a planted bug, a mutant) still goes through the writing method
 * and still marks what it wrote. A method marks
 *   pool(p)    every pool whose header fields, free-list links or list links it writes, and every pool it
 *              takes onto or off a list (usedpools, freepools) — p < 32 is usedpools[p]'s fake header, so
 *              marking it marks that size class's ring;
 *   arena()    any write to an arena descriptor, usable_arenas, unused_arena_objects, nfp2lasta, the arena
 *              counters or the address space (slots mapped and released);
 *   raw()      any raw block allocated or released.
 * The per-class counters (classPools, classFull, classBlocks) carry no mark: the check compares all 32 of
 * them every time.
 *
 * States. A pool is marked iff `written[p] === 1`, and then it is in `pools` exactly once (a pool number
 * beyond `written`, which only a corrupted link can name, goes in `pools` every time it is written: a
 * typed-array write out of range changes nothing, so the checker skips it). The two counters only grow;
 * the checker remembers the values it last verified. Only the checker clears the pool marks (`clear`).
 *
 * Cost: one load and a predictable compare per write on the hot path; no allocation but the list's
 * amortised growth, bounded by the number of pools. The marks observe and never decide (like events.ts):
 * nothing in impl/pymalloc reads them.
 */

export class WriteMarks {
  /** Pool number → 1 when written since the last clear (`pools` lists them). */
  written: Uint8Array;
  /** The pools written since the last clear, each once (in the order first written). */
  readonly pools: number[] = [];
  /** Writes to the arena level so far. */
  arenaWrites = 0;
  /** Raw blocks allocated or released so far. */
  rawWrites = 0;

  constructor(pools = 0) {
    this.written = new Uint8Array(pools);
  }

  pool(p: number): void {
    if (this.written[p] !== 1) {
      this.written[p] = 1;
      this.pools.push(p);
    }
  }

  arena(): void {
    this.arenaWrites++;
  }

  raw(): void {
    this.rawWrites++;
  }

  /** Room for pool numbers below `pools` (the marks already set are kept). */
  grow(pools: number): void {
    if (pools <= this.written.length) return;
    const grown = new Uint8Array(pools);
    grown.set(this.written);
    this.written = grown;
  }

  /** No pool marked: the checker has verified them all. */
  clear(): void {
    const { written, pools } = this;
    for (let i = 0; i < pools.length; i++) {
      const p = pools[i];
      if (p >= 0 && p < written.length) written[p] = 0;
    }
    pools.length = 0;
  }
}
