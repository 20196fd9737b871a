/*
 * Which ordinals go out next: batches of BATCH_SIZE in increasing order, never spanning an epoch, and
 * an epoch only once every ordinal before the previous epoch is committed (programSource.ts) — after
 * the batches to run again, first. A batch is run again when its worker hung or died: every ordinal
 * of it but the one that hung or killed the worker.
 */
import { BATCH_SIZE, EPOCH_SIZE, visibleCorpusBefore } from '../programs/programSource.js';
import type { Batch } from './workerSlot.js';

export interface PlannedBatch extends Batch {
  /** Run again, out of order: the worker must report all features (worker.ts). */
  again: boolean;
}

export class BatchPlan {
  private readonly again: Batch[] = [];

  /** `next` is the first ordinal not yet handed out; `end` stops the campaign (--runs). */
  constructor(private next: number, private readonly end: number) {}

  get hasRetries(): boolean {
    return this.again.length > 0;
  }

  /** The next batch, if any may go out now; `fresh` false once the campaign is finishing. */
  take(committed: number, fresh: boolean): PlannedBatch | null {
    const retry = this.again.shift();
    if (retry) return { ...retry, again: true };
    const first = this.next;
    if (!fresh || first >= this.end || committed < visibleCorpusBefore(first)) return null;
    const epochEnd = (Math.floor(first / EPOCH_SIZE) + 1) * EPOCH_SIZE;
    const count = Math.min(BATCH_SIZE, epochEnd - first, this.end - first);
    this.next += count;
    return { first, count, again: false };
  }

  /** The batches of a lost worker, but `lost`, go out again before anything else, in order. */
  runAgain(batches: Batch[], lost: number): void {
    const again: Batch[] = [];
    for (const b of batches) {
      const end = b.first + b.count;
      if (lost < b.first || lost >= end) again.push(b);
      else {
        if (lost > b.first) again.push({ first: b.first, count: lost - b.first });
        if (end > lost + 1) again.push({ first: lost + 1, count: end - lost - 1 });
      }
    }
    this.again.unshift(...again);
  }
}
