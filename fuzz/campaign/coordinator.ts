/*
 * The campaign coordinator (Go's internal/fuzz is the model): it hands batches of ordinals to worker
 * processes (batchPlan.ts), applies their results in ordinal order (resultCommitter.ts) to the counters,
 * the corpus (campaignCorpus.ts) and the findings (findingLedger.ts), and writes every file. Workers
 * hold no state worth keeping, so a hang (a worker's progress cell stuck on one program for the
 * per-program time limit) or a dead worker costs one program — a finding of kind `hang` or `crash` —
 * and the worker is replaced; the rest of its batches run again elsewhere.
 *
 * Phases: running → finishing (time or --runs used up; batches in flight complete) → draining (the
 * shrinker finishes the findings) → closed. SIGINT closes at once; what is committed is kept, and
 * unshrunk findings are shrunk on --resume.
 *
 * Keeping --time. The session's clock starts when the user's command did (`sessionStart`: loading
 * the engine and starting the workers count), and two timers, not the watchdog's 200 ms tick, stop it:
 * at `timeMs` no batch goes out any more, and at `timeMs + STOP_GRACE_MS` the campaign closes whatever
 * is still in flight — batches (their programs are not committed, and run again on --resume) and
 * shrinks (their findings stay `unshrunk`, and are shrunk on --resume). Without the second timer a
 * campaign overran its time by what was in flight when it ran out: two queued batches per worker,
 * every finding waiting for the shrinker, and the shrinker's start. A campaign bounded by --runs only
 * has no such timer: it commits every program and shrinks every finding, so it stays reproducible.
 */
import { printProgram } from '../../language/print.js';
import type { Io } from '../../io/output.js';
import { BatchPlan } from './batchPlan.js';
import { CampaignCorpus } from './campaignCorpus.js';
import { engineAt, type EngineLoader } from '../protocol/engineChoice.js';
import type { CampaignState } from '../store/campaignState.js';
import { Checkpointer, CHECKPOINT_MS, type Gauges } from './checkpointer.js';
import type { CorpusEntry } from '../store/corpusStore.js';
import { FindingLedger } from './findingLedger.js';
import type { FindingRecord } from '../store/findingRecord.js';
import { programAt } from '../programs/programSource.js';
import type { FromWorker, WorkerSettings } from '../protocol/protocol.js';
import { ResultCommitter } from './resultCommitter.js';
import { ShrinkService } from './shrinkService.js';
import { WorkerSlot } from './workerSlot.js';

const WATCHDOG_MS = 200;
/** Between the end of --time and the hard stop: batches and shrinks that finish by then are kept. */
export const STOP_GRACE_MS = 500;
/** A worker that dies this many times in a row before saying `ready` stops the campaign. */
const MAX_START_FAILURES = 3;
/** Batches per worker: one running, one queued behind it, so no worker waits for the coordinator. */
const QUEUE_DEPTH = 2;

export interface CoordinatorOptions {
  dir: string;
  state: CampaignState;
  corpus: CorpusEntry[];
  findings: FindingRecord[];
  workers: number;
  timeMs: number;
  /** When the session's clock started (Date.now() ms): --time counts from there. */
  sessionStart: number;
  /** Stop after this many programs in total (the campaign's, not this session's). */
  runs: number | null;
  io: Io;
  tty: boolean;
  engines: EngineLoader;
}

export interface CampaignOutcome {
  interrupted: boolean;
  state: CampaignState;
  features: number;
  corpus: number;
  findings: FindingRecord[];
}

export class Coordinator {
  private readonly state: CampaignState;
  private readonly corpus: CampaignCorpus;
  private readonly shrinker: ShrinkService;
  private readonly ledger: FindingLedger;
  private readonly committer: ResultCommitter;
  private readonly plan: BatchPlan;
  private readonly checkpointer: Checkpointer;
  private readonly slots: WorkerSlot[] = [];
  private phase: 'running' | 'finishing' | 'draining' | 'closed' = 'running';
  private startFailures = 0;
  private timers: NodeJS.Timeout[] = [];
  private settle!: { resolve: (o: CampaignOutcome) => void; reject: (e: Error) => void };

  constructor(private readonly options: CoordinatorOptions) {
    const state = (this.state = options.state);
    const { settings } = state;
    this.corpus = new CampaignCorpus(options.dir, options.corpus);
    this.shrinker = new ShrinkService(this.workerSettings([]), options.engines.workerModule, settings.memoryLimitMb, Math.max(300_000, 30 * settings.programTimeoutMs),
      settings.programTimeoutMs, (answer) => this.ledger.answer(answer));
    this.ledger = new FindingLedger(options.dir, state, this.shrinker, options.findings);
    this.committer = new ResultCommitter(state, this.corpus, this.ledger);
    this.plan = new BatchPlan(state.nextOrdinal, options.runs ?? Infinity);
    this.checkpointer = new Checkpointer(options.dir, state, options.timeMs, options.io, options.tty, options.sessionStart);
  }

  run(): Promise<CampaignOutcome> {
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.state.counters.sessions++;
      this.ledger.resumeUnshrunk();
      for (let id = 0; id < this.options.workers; id++) {
        const slot = new WorkerSlot(id, this.options.engines.workerModule, this.state.settings.memoryLimitMb, {
          message: (s, m) => this.onMessage(s, m),
          death: (s, reason) => this.onDeath(s, reason),
        });
        this.slots.push(slot);
        this.startSlot(slot);
      }
      this.timers.push(setInterval(() => this.watchdog(), WATCHDOG_MS));
      this.timers.push(setInterval(() => this.checkpointer.write(this.gauges()), CHECKPOINT_MS));
      if (Number.isFinite(this.options.timeMs)) {
        const left = this.options.timeMs - this.checkpointer.sessionElapsed();
        this.timers.push(setTimeout(() => this.timeUp(), Math.max(0, left)));
        this.timers.push(setTimeout(() => this.hardStop(), Math.max(0, left + STOP_GRACE_MS)));
      }
    });
  }

  /** --time is used up: no batch goes out any more; what is in flight may finish until the hard stop. */
  private timeUp(): void {
    if (this.phase === 'running') this.phase = 'finishing';
    this.dispatch();
  }

  /** STOP_GRACE_MS after --time: close with whatever is still in flight left for --resume. */
  private hardStop(): void {
    if (this.phase === 'finishing' || this.phase === 'draining') void this.close(false);
  }

  /** SIGINT, SIGTERM: stop now. */
  interrupt(): void {
    if (this.phase !== 'closed') void this.close(true);
  }

  private workerSettings(corpus: string[]): WorkerSettings {
    const { seed, shard, engine, settings, contract, cpython } = this.state;
    return { engine: engineAt(engine, this.options.dir), contract, corpus, source: { seed, shard, maxStatements: settings.maxStatements, cpython } };
  }

  private onMessage(slot: WorkerSlot, message: FromWorker): void {
    if (message.type === 'fatal') return this.fail(new Error(message.message));
    if (message.type === 'ready') {
      slot.state = 'idle';
      this.startFailures = 0;
    } else if (message.type === 'results') {
      const batch = slot.batches[0];
      const { results } = message;
      if (!batch || results.length !== batch.count || results[0].ordinal !== batch.first) return;
      slot.answered();
      this.committer.accept(results);
    }
    this.dispatch();
  }

  private onDeath(slot: WorkerSlot, reason: string): void {
    if (this.phase === 'closed') return;
    if (slot.batches.length > 0) this.lose(slot, 'crash', reason);
    else if (++this.startFailures >= MAX_START_FAILURES) return this.fail(new Error(`workers keep dying before they start: ${reason}`));
    this.startSlot(slot);
    this.dispatch();
  }

  /** The program a worker was at when it hung or died (its progress cell says which) fails that way. */
  private lose(slot: WorkerSlot, kind: 'hang' | 'crash', message: string): void {
    const ordinal = slot.runningOrdinal();
    const { program, index, origin } = programAt(this.workerSettings([]).source, ordinal, this.corpus.visiblePrograms(ordinal));
    this.plan.runAgain(slot.batches.splice(0), ordinal);
    this.committer.accept([{
      ordinal, index, origin, statements: program.statements.length, steps: 0, newFeatures: [], program: printProgram(program),
      failure: { kind, message, invariant: null, step: 0, line: 0, objects: [], killedWorker: true },
    }]);
  }

  private watchdog(): void {
    const now = Date.now();
    this.shrinker.checkDeadline(now);
    if (this.phase === 'closed') return;
    const limit = this.state.settings.programTimeoutMs;
    for (const slot of this.slots) {
      if (slot.state !== 'busy' || slot.stuckFor(now) <= limit) continue;
      this.lose(slot, 'hang', `the program ran longer than the ${(limit / 1000).toFixed(1)} s time limit`);
      void slot.terminate().then(() => {
        if (this.phase !== 'closed') this.startSlot(slot);
      });
    }
    if (this.phase === 'running' && this.checkpointer.sessionElapsed(now) >= this.options.timeMs) this.phase = 'finishing';
    this.dispatch();
  }

  /**
   * Every worker holds the corpus in the same order: new entries go to every worker not stopped (a
   * starting one queues them), and a worker starts with the whole corpus only after the pending
   * entries went out to the others, so that none gets an entry twice or misses one.
   */
  private sendCorpus(): void {
    const programs = this.corpus.takeUnsent();
    if (programs.length > 0) for (const slot of this.slots) if (slot.state !== 'stopped') slot.send({ type: 'corpus', programs });
  }

  private startSlot(slot: WorkerSlot): void {
    this.sendCorpus();
    slot.start(this.workerSettings(this.corpus.texts()));
  }

  private dispatch(): void {
    if (this.phase === 'closed' || this.phase === 'draining') return;
    if (this.phase === 'running' && this.options.runs !== null && this.state.nextOrdinal >= this.options.runs) this.phase = 'finishing';
    this.sendCorpus();
    fill: for (let depth = 0; depth < QUEUE_DEPTH; depth++) {
      for (const slot of this.slots) {
        if ((slot.state !== 'idle' && slot.state !== 'busy') || slot.batches.length > depth) continue;
        const batch = this.plan.take(this.state.nextOrdinal, this.phase === 'running');
        if (!batch) break fill;
        slot.run(batch.first, batch.count, this.corpus.visibleCount(batch.first), batch.again);
      }
    }
    const idle = this.slots.every((s) => s.batches.length === 0) && !this.plan.hasRetries && this.committer.waitingCount === 0;
    if (this.phase === 'finishing' && idle) {
      this.phase = 'draining';
      void this.shrinker.drained().then(() => {
        if (this.phase === 'draining') return this.close(false);
      });
    }
  }

  /** `state.bugs` is kept current by the ledger on every save: no regrouping per checkpoint. */
  private gauges(): Gauges {
    const findings = this.ledger.all();
    return {
      features: this.corpus.features.size, corpus: this.corpus.size, findings: findings.length, shrinking: this.shrinker.pending,
      bugs: this.state.bugs?.length ?? 0, findingsSettled: findings.filter((f) => f.status !== 'unshrunk').length,
    };
  }

  private async close(interrupted: boolean): Promise<void> {
    this.phase = 'closed';
    for (const t of this.timers) clearTimeout(t);
    await Promise.all([...this.slots.map((s) => s.terminate()), this.shrinker.terminate()]);
    this.checkpointer.write(this.gauges(), true);
    this.settle.resolve({ interrupted, state: this.state, features: this.corpus.features.size, corpus: this.corpus.size, findings: this.ledger.all() });
  }

  private fail(error: Error): void {
    this.phase = 'closed';
    for (const t of this.timers) clearTimeout(t);
    void Promise.all([...this.slots.map((s) => s.terminate()), this.shrinker.terminate()]).then(() => this.settle.reject(error));
  }
}
