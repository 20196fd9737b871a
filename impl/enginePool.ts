/*
 * Engine reuse: the typed arrays of engines their runner has released (EngineUnderTest.release), kept
 * for the next engine the plug-in factory makes. A lockstep campaign makes an engine per program, most
 * programs a few dozen statements long; allocating a fresh object table, RefStore, release stack,
 * bindings and instruction buffer for each was a visible share of its time.
 *
 * What is pooled is memory, never an engine: a released engine keeps no claim on it (its methods throw,
 * engine.ts), and a new engine gets new objects around it. Each part is reset to a fresh part's state
 * when it is taken (Runtime's constructor, ImplEngine's), so a reused engine behaves exactly as a fresh
 * one — same ids, addresses, traces — only its arrays may be longer, which decides when they grow and
 * nothing else. The pool holds at most POOL_SIZE sets: a runner releases one engine before it creates
 * the next, so one set is in use and one waits. The memory of a huge program (a table grown past
 * MAX_POOLED_ROWS) is not kept: the pool would hold it for the rest of the process.
 */
import type { RuntimeMemory } from './runtime/runtime.js';
import type { Bindings } from './bindings.js';
import type { Code } from './compile.js';

export interface EngineMemory extends RuntimeMemory {
  names: Bindings;
  scratch: Code;
}

const POOL_SIZE = 2;
/** Object rows (about 80 bytes each) and RefStore cells (4 bytes) beyond which a released engine's memory is dropped. */
const MAX_POOLED_ROWS = 1 << 16;
const MAX_POOLED_CELLS = 1 << 20;

export class EnginePool {
  private readonly free: EngineMemory[] = [];

  /** A released engine's memory, not yet reset (its taker resets it), or undefined. */
  take(): EngineMemory | undefined {
    return this.free.pop();
  }

  /** Kept unless the pool is full or the memory is that of a huge program (not worth holding on to). */
  give(memory: EngineMemory): void {
    if (this.free.length === POOL_SIZE) return;
    if (memory.table.capacity > MAX_POOLED_ROWS || memory.refs.cells.length > MAX_POOLED_CELLS) return;
    this.free.push(memory);
  }

  get size(): number {
    return this.free.length;
  }
}
