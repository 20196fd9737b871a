/*
 * The observable behaviour of one statement (docs/trace.md): what both engines print, one JSON line each.
 * The model and the implementation produce exactly this shape, so the lockstep runner can compare
 * them field by field.
 */

/** What `gc.callbacks` would receive at "stop". */
export interface CollectionRecord {
  generation: 0 | 1 | 2;
  collected: number;
  uncollectable: number;
}

export type Generation = 0 | 1 | 2 | 'permanent' | null;

export type ObjectType = 'list' | 'dict' | 'tuple' | 'Obj' | 'Fin' | 'Lazarus' | 'bytes' | 'weakref';

export interface ObjectSnapshot {
  id: number;
  type: ObjectType;
  refcount: number;
  /** null when the object is not tracked by the collector. */
  gen: Generation;
  finalized: boolean;
  /** Implementation only: simulated address. */
  addr?: number;
  /** `sys.getsizeof(obj)`: the object with its GC header, plus a list's items array or a dict's keys table. */
  size?: number;
}

/** One line of `tracemalloc.take_snapshot().statistics('lineno')`, for a line of the program. */
export interface TracedLine {
  line: number;
  /** Bytes in the traced blocks that line allocated and that are still allocated. */
  size: number;
  count: number;
}

export interface TraceLine {
  step: number;
  line: number;
  freed: number[];
  finalized: number[];
  callbacks: number[];
  collections: CollectionRecord[];
  count: [number, number, number];
  objects?: ObjectSnapshot[];
  allocator?: unknown;
  /** While tracemalloc traces: `tracemalloc.get_traced_memory()`, (current, peak) in bytes. */
  traced?: [number, number];
  /** While tracemalloc traces: per program line, ascending, the blocks it allocated that are alive. */
  tracedLines?: TracedLine[];
  /** After `fork()`: distinct 4 KiB pages written since the fork (copy-on-write page rules). */
  pagesWritten?: number;
  /**
   * Under a profile whose automatic collections are scheduled (3.12, 3.13), on every line: an
   * automatic collection is scheduled and has not run yet (docs/trace.md).
   */
  pending?: boolean;
}
