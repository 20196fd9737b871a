/*
 * Every CHECKPOINT_MS the coordinator records where the campaign stands: campaign.json (the committed
 * state, all --resume needs), one line of stats.jsonl (with the rates over the last interval), and the
 * progress line — on a terminal each time, otherwise every PLAIN_PROGRESS_EVERY-th time.
 */
import type { Io } from '../../io/output.js';
import { writeJsonAtomically } from '../../io/atomicFiles.js';
import { campaignFile } from '../store/campaignDirectory.js';
import type { CampaignState } from '../store/campaignState.js';
import { ProgressReporter } from './progressLine.js';
import { indexOfOrdinal } from '../programs/programSource.js';
import { appendStats } from '../store/statsFile.js';

export const CHECKPOINT_MS = 1000;
const PLAIN_PROGRESS_EVERY = 10;

export interface Gauges {
  features: number;
  corpus: number;
  findings: number;
  shrinking: number;
  /** Distinct bugs among the findings (fuzz/store/bugGroups.ts), and the findings the shrinker is done with. */
  bugs: number;
  findingsSettled: number;
}

export class Checkpointer {
  private readonly elapsedBefore: number;
  private last: { at: number; programs: number; statements: number };
  private count = 0;
  private readonly progress: ProgressReporter;

  /** `sessionStart`: when the session's clock started (Date.now() ms), the command's start. */
  constructor(
    private readonly dir: string, private readonly state: CampaignState, private readonly timeMs: number, io: Io, private readonly tty: boolean,
    private readonly sessionStart = Date.now(),
  ) {
    this.elapsedBefore = state.counters.elapsedMs;
    this.last = { at: this.sessionStart, programs: state.counters.programs, statements: state.counters.statements };
    this.progress = new ProgressReporter(io, tty);
  }

  /** Time this session has run (ms). */
  sessionElapsed(now = Date.now()): number {
    return now - this.sessionStart;
  }

  write(gauges: Gauges, final = false): void {
    const now = Date.now();
    const { state } = this;
    const c = state.counters;
    c.elapsedMs = this.elapsedBefore + this.sessionElapsed(now);
    state.updatedAt = new Date(now).toISOString();
    state.nextIndex = indexOfOrdinal(state.shard, state.nextOrdinal);
    writeJsonAtomically(campaignFile(this.dir), state);
    const seconds = Math.max(0.001, (now - this.last.at) / 1000);
    const programsPerSecond = Math.round((c.programs - this.last.programs) / seconds);
    const statementsPerSecond = Math.round((c.statements - this.last.statements) / seconds);
    this.last = { at: now, programs: c.programs, statements: c.statements };
    appendStats(this.dir, {
      time: state.updatedAt, elapsedMs: c.elapsedMs, programs: c.programs, statements: c.statements, programsPerSecond,
      statementsPerSecond, features: gauges.features, corpus: gauges.corpus, findings: gauges.findings, failures: c.failures,
      session: c.sessions, hangs: c.hangs, crashes: c.crashes, bugs: gauges.bugs, findingsSettled: gauges.findingsSettled,
    });
    if (!this.tty && ++this.count % PLAIN_PROGRESS_EVERY !== 0 && !final) return;
    const remainingMs = this.timeMs === Infinity ? null : Math.max(0, this.timeMs - this.sessionElapsed(now));
    this.progress.update({ elapsedMs: c.elapsedMs, remainingMs, programs: c.programs, programsPerSecond, statementsPerSecond, ...gauges });
    if (final) this.progress.finish();
  }
}
