/*
 * The collector's counters (`struct _gc_runtime_state`, docs/cpython-3.11.md#collector-state): counts,
 * thresholds, flags, the long-lived counters and per-generation stats, in typed arrays.
 */
export class GcState {
  readonly count = new Int32Array(3);
  readonly threshold: Int32Array;
  enabled = true;
  collecting = false;
  /** Collections running at once (gc/collect.ts: which set of list heads the next one takes). */
  depth = 0;
  /** A scheduled automatic collection has not run yet (a 'scheduled' profile only; runtime.ts). */
  pending = false;
  saveAll = false;
  longLivedPending = 0;
  longLivedTotal = 0;
  readonly collections = new Float64Array(3);
  readonly collected = new Float64Array(3);
  readonly uncollectable = new Float64Array(3);

  constructor(thresholds: readonly number[]) {
    this.threshold = Int32Array.from(thresholds);
  }

  /** Back to a new state with these thresholds (engine reuse, impl/enginePool.ts). */
  reset(thresholds: readonly number[]): void {
    this.count.fill(0);
    this.threshold.set(thresholds);
    this.enabled = true;
    this.collecting = false;
    this.depth = 0;
    this.pending = false;
    this.saveAll = false;
    this.longLivedPending = 0;
    this.longLivedTotal = 0;
    this.collections.fill(0);
    this.collected.fill(0);
    this.uncollectable.fill(0);
  }
}
