/*
 * One worker as the coordinator sees it: a child process forked from the compiled worker module the
 * caller names (EngineLoader.workerModule; campaigns run from dist/, where the CLI lives), the batches it is running, and its
 * progress cell (progressCell.ts): which program it is at, and for how long — the coordinator's
 * watchdog compares that with the per-program time limit. A worker that exits without being asked to
 * reports its death once, with the reason.
 *
 * Why processes and not worker threads: V8's flags are per process. A worker thread shares the
 * coordinator's V8, whose garbage collector runs helper threads beside every JavaScript thread, so one
 * worker thread kept ~1.15 cores busy and two ran at only 1.6× the speed of one on two cores. A
 * forked worker gets its own flags (measured with scripts/scaling.sh, 60 s campaigns):
 *
 *   --single-threaded-gc      the collector runs on the worker's own thread: one worker, one core
 *                             (2 workers vs 1: 1.59× as threads, 1.76× as processes with this flag)
 *   --max-semi-space-size=MB  a larger young generation: a checked program allocates ~2 MB, nearly
 *                             all of it dead by the next scavenge, so fewer scavenges cost less
 *                             (64 MB: +8 % programs/s, 1.89× with 2 workers)
 *   --max-old-space-size=MB   the memory limit: a runaway engine dies alone (V8 aborts with "heap out
 *                             of memory" on stderr, which the death's reason reports)
 *
 * stdio: stdout is the campaign's (a plug-in's prints), stderr is kept (its tail explains a death),
 * slot 3 is the IPC channel, slot 4 the progress cell (PROGRESS_FD).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { ProgressCell } from '../protocol/progressCell.js';
import type { FromWorker, ToWorker, WorkerSettings } from '../protocol/protocol.js';

const SEMI_SPACE_MB = 64;
const STDERR_KEPT = 16_384;

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
  private cell: ProgressCell | null = null;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  /** `workerModule`: the program the worker runs (EngineLoader.workerModule). */
  constructor(readonly id: number, private readonly workerModule: string, private readonly memoryLimitMb: number, private readonly events: SlotEvents) {}

  start(settings: WorkerSettings): void {
    this.state = 'starting';
    this.batches = [];
    const cell = (this.cell = new ProgressCell());
    const child = fork(this.workerModule, [], {
      execArgv: ['--single-threaded-gc', `--max-old-space-size=${this.memoryLimitMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc', cell.fd],
    });
    this.child = child;
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEPT);
    });
    child.on('message', (message: FromWorker) => {
      if (this.child === child) this.events.message(this, message);
    });
    // A message sent as the worker dies fails with EPIPE; the death is reported by 'close'.
    child.on('error', () => {});
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        if (this.child === child) {
          this.child = null;
          this.state = 'stopped';
          // The cell is still open here: the coordinator reads which program killed the worker.
          this.events.death(this, this.describeDeath(code, signal, stderr));
        }
        cell.close();
        resolve();
      });
    });
    this.send({ type: 'start', settings });
  }

  send(message: ToWorker): void {
    if (this.child?.connected) this.child.send(message);
  }

  run(first: number, count: number, visibleCorpus: number, allFeatures: boolean): void {
    if (this.batches.length === 0) this.progressSeen = { ordinal: this.progress(), at: Date.now() };
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
    const ordinal = this.progress();
    const inside = this.batches.some((b) => ordinal >= b.first && ordinal < b.first + b.count);
    return inside ? ordinal : this.batches[0].first;
  }

  /** Starts timing the current program afresh (a shrink job). */
  restartProgressClock(now: number): void {
    this.progressSeen = { ordinal: this.progress(), at: now };
  }

  /** How long the worker has been at the same program (ms). */
  stuckFor(now: number): number {
    const ordinal = this.progress();
    if (ordinal !== this.progressSeen.ordinal) this.progressSeen = { ordinal, at: now };
    return now - this.progressSeen.at;
  }

  /** Stop the worker (SIGKILL: it holds nothing worth a goodbye); no death is reported for it. */
  async terminate(): Promise<void> {
    const child = this.child;
    this.child = null;
    this.state = 'stopped';
    if (child) child.kill('SIGKILL');
    await this.exited;
  }

  private progress(): number {
    return this.cell ? this.cell.read() : -1;
  }

  private describeDeath(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
    if (/heap out of memory|Reached heap limit/.test(stderr)) return `the worker ran out of memory (limit ${this.memoryLimitMb} MB)`;
    const last = stderr.trimEnd().split('\n').at(-1)?.trim();
    if (code === 70 && last) return `the worker died: ${last}`;
    if (signal) return `the worker was killed by ${signal}`;
    return `the worker exited with code ${code}${last ? `: ${last}` : ''}`;
  }
}
