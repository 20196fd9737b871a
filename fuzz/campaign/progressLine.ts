/*
 * Progress while a campaign runs: on a terminal one status line rewritten in place (elapsed and
 * remaining time, programs, statements/s, features, corpus, findings), otherwise — CI logs, a pipe — a
 * plain line per checkpoint interval.
 */
import type { Io } from '../../io/output.js';

export interface Progress {
  elapsedMs: number;
  remainingMs: number | null;
  programs: number;
  programsPerSecond: number;
  statementsPerSecond: number;
  features: number;
  corpus: number;
  findings: number;
  /** Findings waiting for or in the shrinker. */
  shrinking: number;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

const compact = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : String(Math.round(n)));

export function formatProgress(p: Progress): string {
  const remaining = p.remainingMs === null ? '' : ` (${formatDuration(p.remainingMs)} left)`;
  return `${formatDuration(p.elapsedMs)}${remaining}  programs ${compact(p.programs)} (${compact(p.programsPerSecond)}/s)` +
    `  statements/s ${compact(p.statementsPerSecond)}  features ${p.features}  corpus ${p.corpus}  findings ${p.findings}` +
    (p.shrinking > 0 ? ` (shrinking ${p.shrinking})` : '');
}

export class ProgressReporter {
  private shown = false;

  constructor(private readonly io: Io, private readonly tty: boolean) {}

  update(p: Progress): void {
    if (this.tty) {
      this.io.err(`\r\x1b[2K${formatProgress(p)}`);
      this.shown = true;
    } else {
      this.io.err(formatProgress(p) + '\n');
    }
  }

  /** Ends the status line so that what follows starts on a line of its own. */
  finish(): void {
    if (this.shown) this.io.err('\n');
    this.shown = false;
  }
}
