/*
 * `stats.jsonl` (docs/campaign.md#statsjsonl): one line per checkpoint interval — when, how long the
 * campaign has run in total, programs and statements so far, the rates over the last interval, coverage
 * features, corpus size, findings and failing programs; newer lines also the session, hangs,
 * crashes, distinct bugs and the findings the shrinker is done with (optional fields: a file written
 * before has none, and every reader copes). `pymem report` draws its charts from it; afl-plot's
 * plot_data is the model. Lines are appended whole (atomicFiles.ts), and a torn last line is ignored.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../io/usageError.js';
import { appendLine, readCompleteLines } from '../../io/atomicFiles.js';

export interface StatsLine {
  time: string;
  elapsedMs: number;
  programs: number;
  statements: number;
  programsPerSecond: number;
  statementsPerSecond: number;
  features: number;
  corpus: number;
  findings: number;
  failures: number;
  /** The session (campaign.json `counters.sessions`) that wrote the line: 1, then one more per --resume. */
  session?: number;
  hangs?: number;
  crashes?: number;
  /** Distinct bugs among the findings on file (bugGroups.ts). */
  bugs?: number;
  /** Findings the shrinker is done with (shrunk, flaky or kept as found): never fewer from one line to the next. */
  findingsSettled?: number;
}

export function statsFile(campaignDir: string): string {
  return join(campaignDir, 'stats.jsonl');
}

export function appendStats(campaignDir: string, line: StatsLine): void {
  appendLine(statsFile(campaignDir), JSON.stringify(line));
}

export function readStats(campaignDir: string): StatsLine[] {
  const file = statsFile(campaignDir);
  if (!existsSync(file)) return [];
  return readCompleteLines(file, 'the stats file').map((text, i) => {
    let line: Partial<StatsLine>;
    try {
      line = JSON.parse(text) as Partial<StatsLine>;
    } catch (e) {
      throw UsageError.inFile([`${file}:${i + 1}:1: corrupt stats line: ${(e as Error).message}`]);
    }
    if (typeof line.elapsedMs !== 'number' || typeof line.programs !== 'number') {
      throw UsageError.inFile([`${file}:${i + 1}:1: not a pymem stats line (no elapsedMs and programs)`]);
    }
    return line as StatsLine;
  });
}
