/*
 * The collector's counters (`struct _gc_runtime_state`, docs/cpython-3.11.md#collector-state): counts,
 * thresholds, flags, the long-lived counters and per-generation stats, in typed arrays.
 */
export class GcState {
  readonly count = new Int32Array(3);
  readonly threshold = Int32Array.of(700, 10, 10);
  enabled = true;
  collecting = false;
  saveAll = false;
  /** Scratch of one collection: did finalize_garbage call any `__del__` (collect.ts)? */
  finalizersRan = false;
  longLivedPending = 0;
  longLivedTotal = 0;
  readonly collections = new Float64Array(3);
  readonly collected = new Float64Array(3);
  readonly uncollectable = new Float64Array(3);
}
