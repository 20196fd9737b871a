/*
 * The collector's counters, as `struct _gc_runtime_state` keeps them
 * (docs/cpython-3.11.md#collector-state to #long-lived-rule).
 *
 * count[0] is "GC allocations minus GC deallocations" since generation 0 was last collected, not the
 * length of generation 0; count[1] and count[2] count collections of the generation below.
 */
export type Triple = [number, number, number];

export interface GenerationStats {
  collections: number;
  collected: number;
  uncollectable: number;
}

export class CollectorState {
  count: Triple = [0, 0, 0];
  threshold: Triple;
  enabled = true;
  /** A collection is running (an outer one stays so across a collection nested inside it). */
  collecting = false;
  /**
   * Under a 'scheduled' profile: an allocation crossed threshold 0 and its collection has not run yet
   * (`gc_scheduled`; evalBreaker.ts runs or drops it). A flag, not a count: it is set again by every
   * eligible allocation while count[0] stays over the threshold.
   */
  pending = false;
  saveAll = false;
  longLivedPending = 0;
  longLivedTotal = 0;
  readonly stats: GenerationStats[] = [0, 1, 2].map(() => ({ collections: 0, collected: 0, uncollectable: 0 }));

  /** The version's default thresholds (700 or 2000, 10, 10). */
  constructor(thresholds: readonly [number, number, number]) {
    this.threshold = [...thresholds];
  }

  /** `_PyObject_GC_Link`: every GC object not taken from a freelist. */
  countAllocation(): void {
    this.count[0]++;
  }

  /** `PyObject_GC_Del`: every GC object freed and not put on a freelist. */
  countDeallocation(): void {
    if (this.count[0] > 0) this.count[0]--;
  }

  /** `_PyObject_GC_Link`'s trigger (collect or schedule), tested right after `countAllocation`. */
  wantsAutomaticCollection(): boolean {
    return this.count[0] > this.threshold[0] && this.enabled && this.threshold[0] !== 0 && !this.collecting;
  }

  /** `gc_collect_generations`: the oldest generation over its threshold, honouring the long-lived rule. */
  generationToCollect(): 0 | 1 | 2 | null {
    for (const g of [2, 1, 0] as const) {
      if (this.count[g] <= this.threshold[g]) continue;
      if (g === 2 && this.longLivedPending < Math.floor(this.longLivedTotal / 4)) continue;
      return g;
    }
    return null;
  }
}
