/*
 * Shrinking off the coordinator's event loop: a worker process of its own (started on the first job)
 * takes the findings one at a time, in the order they were found, so the same campaign shrinks the
 * same findings in the same order. A job that runs past its deadline, a candidate program that runs
 * past the per-program time limit (the worker's progress cell counts candidates), or a job that kills
 * the worker, leaves its finding as found; the worker is restarted for the next job.
 */
import type { ShrinkJob, ShrinkOutcome, WorkerSettings } from '../protocol/protocol.js';
import { WorkerSlot } from './workerSlot.js';

export type ShrinkAnswer = { job: ShrinkJob; outcome: ShrinkOutcome } | { job: ShrinkJob; outcome: null; reason: string };

export class ShrinkService {
  private readonly queue: ShrinkJob[] = [];
  private current: { job: ShrinkJob; startedAt: number } | null = null;
  private readonly slot: WorkerSlot;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly settings: WorkerSettings,
    workerModule: string,
    memoryLimitMb: number,
    private readonly deadlineMs: number,
    private readonly programTimeoutMs: number,
    private readonly answer: (a: ShrinkAnswer) => void,
  ) {
    this.slot = new WorkerSlot(-1, workerModule, memoryLimitMb, {
      message: (_slot, message) => {
        if (message.type === 'ready') {
          this.slot.state = 'idle';
          this.next();
        }
        else if (message.type === 'shrunk' && this.current) this.finish({ job: this.current.job, outcome: message.outcome });
        else if (message.type === 'fatal') this.fail(message.message);
      },
      death: (_slot, reason) => {
        if (this.current) this.finish({ job: this.current.job, outcome: null, reason });
      },
    });
  }

  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  enqueue(job: ShrinkJob): void {
    this.queue.push(job);
    this.next();
  }

  /** Called by the coordinator's watchdog: a job past its deadline, or a candidate past the program time limit, is given up. */
  checkDeadline(now: number): void {
    if (!this.current) return;
    const reason = now - this.current.startedAt > this.deadlineMs ? `shrinking took longer than ${Math.round(this.deadlineMs / 1000)} s`
      : this.slot.stuckFor(now) > this.programTimeoutMs ? `a shrinking candidate ran longer than the ${this.programTimeoutMs / 1000} s time limit`
      : null;
    if (!reason) return;
    const { job } = this.current;
    this.current = null;
    void this.slot.terminate().then(() => this.finish({ job, outcome: null, reason }));
  }

  /** Resolves once every queued job has been answered. */
  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async terminate(): Promise<void> {
    this.queue.length = 0;
    this.current = null;
    await this.slot.terminate();
  }

  private next(): void {
    if (this.slot.state === 'stopped') {
      if (this.queue.length > 0) this.slot.start(this.settings);
      else this.wakeWaiters();
      return;
    }
    if (this.slot.state === 'starting' || this.current) return;
    const job = this.queue.shift();
    if (!job) {
      this.slot.state = 'idle';
      this.wakeWaiters();
      return;
    }
    this.current = { job, startedAt: Date.now() };
    this.slot.restartProgressClock(this.current.startedAt);
    this.slot.state = 'busy';
    this.slot.send({ type: 'shrink', job });
  }

  private finish(answer: ShrinkAnswer): void {
    this.current = null;
    this.answer(answer);
    this.next();
  }

  /** The worker cannot start: every job is answered unshrunk. */
  private fail(reason: string): void {
    const jobs = [...(this.current ? [this.current.job] : []), ...this.queue.splice(0)];
    this.current = null;
    void this.slot.terminate();
    for (const job of jobs) this.answer({ job, outcome: null, reason });
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
