/*
 * The observable behaviour of one statement (SPEC §3): what both engines print, one JSON line each.
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
  /** Implementation only: simulated address and the size requested from the allocator. */
  addr?: number;
  size?: number;
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
}
