/*
 * Object kinds and what CPython asks the allocator for each of them (64-bit;
 * docs/cpython-3.11.md#object-sizes). An instance's size is its version's (the profile's `instance`,
 * runtime.ts: 64 in 3.11, 72 from 3.12, whose managed weakref list sits in a pre-header).
 *
 * GC objects carry the 16-byte PyGC_Head before the object, included in every size below:
 *   list    56  (basicsize 40 + 16); items array 8 per slot, separately, through PyMem
 *   dict    64  (48 + 16); keys object separately (see dictKeysBytes)
 *   tuple   40 + 8n
 *   Obj/Fin/Lazarus 64 in 3.11 (header 16 + slots a, b, c + __weakref__ = 48, + 16); 72 from 3.12
 *   weakref 80  (64 + 16)
 *   bytes   33 + n (not a GC object)
 */
export const KIND_FREE = 0;
export const KIND_LIST = 1;
export const KIND_DICT = 2;
export const KIND_TUPLE = 3;
export const KIND_OBJ = 4;
export const KIND_FIN = 5;
export const KIND_LAZARUS = 6;
export const KIND_WEAKREF = 7;
export const KIND_BYTES = 8;

export const KIND_NAMES = ['free', 'list', 'dict', 'tuple', 'Obj', 'Fin', 'Lazarus', 'weakref', 'bytes'] as const;

export const LIST_OBJECT_BYTES = 56;
export const DICT_OBJECT_BYTES = 64;
export const WEAKREF_BYTES = 80;
export const POINTER_BYTES = 8;

export const tupleBytes = (n: number) => 40 + 8 * n;
export const bytesObjectBytes = (n: number) => 33 + n;

export const isGcKind = (kind: number) => kind !== KIND_BYTES;
export const isInstanceKind = (kind: number) => kind === KIND_OBJ || kind === KIND_FIN || kind === KIND_LAZARUS;
export const hasFinalizer = (kind: number) => kind === KIND_FIN || kind === KIND_LAZARUS;

/** Instances keep their three slots a, b, c in child cells, at these offsets from the row's first cell. */
export const SLOT_A = 0;
export const SLOT_B = 1;
export const SLOT_C = 2;
export const INSTANCE_SLOTS = 3;

/**
 * A dict's entries run: DICT_ENTRY_CELLS cells per entry, the key id at DICT_ENTRY_KEY and the value at
 * DICT_ENTRY_VALUE from the entry's first cell (`dictEntry`). The dict operations and the collector copy
 * these into module-local constants: V8 folds a module's own constants into the code that uses them,
 * while an imported binding is loaded, and checked for initialization, at every use.
 */
export const DICT_ENTRY_KEY = 0;
export const DICT_ENTRY_VALUE = 1;
export const DICT_ENTRY_CELLS = 2;

/** The first cell of entry `i` of the entries run starting at cell `run`. */
export const dictEntry = (run: number, i: number) => run + DICT_ENTRY_CELLS * i;

/** `PyDict_LOG_MINSIZE`: the smallest keys table has 8 slots. */
export const DICT_LOG_MINSIZE = 3;

/** `USABLE_FRACTION`: entries a keys table of 2^log2 slots can hold. */
export const usableFraction = (log2: number) => ((2 << log2) / 3) | 0;

/**
 * `new_keys_object` for all-string keys: the header (32), one index byte per slot below 2^8 slots (2, 4, 8
 * bytes beyond), and 16 bytes per usable entry.
 */
export function dictKeysBytes(log2: number): number {
  const size = 1 << log2;
  const indexBytes = log2 < 8 ? size : log2 < 16 ? 2 * size : log2 < 32 ? 4 * size : 8 * size;
  return 32 + indexBytes + 16 * usableFraction(log2);
}

/** `calculate_log2_keysize`: the smallest table with at least `minsize` slots (8 at least). */
export function log2KeysizeFor(minsize: number): number {
  let log2 = DICT_LOG_MINSIZE;
  while (1 << log2 < minsize) log2++;
  return log2;
}

/**
 * `list_resize`'s new capacity for a list growing or shrinking to `newsize` from `oldsize` items, or -1
 * when the current capacity already fits (allocated/2 ≤ newsize ≤ allocated).
 */
export function listCapacityFor(newsize: number, oldsize: number, allocated: number): number {
  if (allocated >= newsize && newsize >= allocated >> 1) return -1;
  if (newsize === 0) return 0;
  let capacity = (newsize + (newsize >> 3) + 6) & ~3;
  if (newsize - oldsize > capacity - newsize) capacity = (newsize + 3) & ~3;
  return capacity;
}
