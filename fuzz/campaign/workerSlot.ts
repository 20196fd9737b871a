/*
 * One worker thread as the coordinator sees it: started from the compiled `worker.js` next to this
 * module (so campaigns run from dist/, where the CLI lives), with a memory limit (`resourceLimits`: a
 * runaway engine dies alone instead of taking the campaign with it), the batch it is running, and its
 * progress cell (protocol.ts): which program it is at, and for how long — the coordinator's watchdog
 * compares that with the per-program time limit. A worker that exits without being asked to reports
 * its death once, with the reason.
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSettings } from './protocol.js';

const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

export interface Batch {
  first: number;
  count: number;
}

export interface SlotEvents {
  message(slot: WorkerSlot, message: FromWorker): void;
  death(slot: WorkerSlot, reason: string): void;
}

export class WorkerSlot {
  state: 'starting' | 'idle' | 'busy' | 'stopped' = 'stopped';
  /** Batches sent and not yet answered, oldest first: one running, one queued behind it, so the worker never waits for the coordinator. */
  batches: Batch[] = [];
  /** The progress cell's value when the watchdog last saw it change, and when. */
  progressSeen = { ordinal: -1, at: 0 };
  private progress = new Int32Array(new SharedArrayBuffer(4));
  private worker: Worker | null = null;
  private lastError: Error | null = null;

  constructor(readonly id: number, private readonly memoryLimitMb: number, private readonly events: SlotEvents) {}

  start(settings: WorkerSettings): void {
    this.state = 'starting';
    this.batches = [];
    this.lastError = null;
    // A fresh cell per worker: a terminated worker still finishing its statement writes nowhere that matters.
    this.progress = new Int32Array(new SharedArrayBuffer(4));
    this.progress[0] = -1;
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: { ...settings, progress: this.progress.buffer },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb },
      stdout: false,
      stderr: false,
    });
    this.worker = worker;
    worker.on('message', (message: FromWorker) => {
      if (this.worker !== worker) return;
      this.events.message(this, message);
    });
    worker.on('error', (e) => {
      this.lastError = e;
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.state = 'stopped';
      this.events.death(this, this.describeDeath(code));
    });
  }

  send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  run(first: number, count: number, visibleCorpus: number, allFeatures: boolean): void {
    if (this.batches.length === 0) this.progressSeen = { ordinal: Atomics.load(this.progress, 0), at: Date.now() };
    this.state = 'busy';
    this.batches.push({ first, count });
    this.send({ type: 'run', first, count, visibleCorpus, allFeatures });
  }

  /** The answered batch is done; the slot is idle when none is left. */
  answered(): void {
    this.batches.shift();
    if (this.batches.length === 0) this.state = 'idle';
  }

  /** The ordinal the worker is at, among its batches (the oldest batch's first before it began). */
  runningOrdinal(): number {
    const ordinal = Atomics.load(this.progress, 0);
    const inside = this.batches.some((b) => ordinal >= b.first && ordinal < b.first + b.count);
    return inside ? ordinal : this.batches[0].first;
  }

  /** Starts timing the current program afresh (a shrink job). */
  restartProgressClock(now: number): void {
    this.progressSeen = { ordinal: Atomics.load(this.progress, 0), at: now };
  }

  /** How long the worker has been at the same program (ms). */
  stuckFor(now: number): number {
    const ordinal = Atomics.load(this.progress, 0);
    if (ordinal !== this.progressSeen.ordinal) this.progressSeen = { ordinal, at: now };
    return now - this.progressSeen.at;
  }

  /** Stop the worker; no death is reported for it. */
  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.state = 'stopped';
    if (worker) await worker.terminate();
  }

  private describeDeath(code: number): string {
    const e = this.lastError as (Error & { code?: string }) | null;
    if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') return `the worker ran out of memory (limit ${this.memoryLimitMb} MB)`;
    if (e) return `the worker died: ${e.name}: ${e.message.split('\n')[0]}`;
    return `the worker exited with code ${code}`;
  }
}
