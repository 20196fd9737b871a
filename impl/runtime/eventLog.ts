/*
 * What the current statement observed: ids freed, finalized, called back, and the collections that ran.
 * The arrays are reused from statement to statement.
 */
import type { CollectionRecord } from '../../contract/trace.js';

export class EventLog {
  readonly freed: number[] = [];
  readonly finalized: number[] = [];
  readonly callbacks: number[] = [];
  collections: CollectionRecord[] = [];
  /** Ids of the tuples each collection untracked, for the model's order relaxation. */
  untrackedTuples: number[][] = [];

  reset(): void {
    this.freed.length = 0;
    this.finalized.length = 0;
    this.callbacks.length = 0;
    this.collections = [];
    this.untrackedTuples = [];
  }
}
