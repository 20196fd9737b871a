/*
 * `pymem report DIR --watch`: the report kept current while a campaign runs. Every few seconds, when
 * campaign.json, stats.jsonl or findings/ changed, DIR/report.html is rewritten whole (a rename: a
 * browser never reads half a page) as a live page that reloads itself at the same pace, keeping its
 * scroll position (chartScript.ts).
 *
 * Why a file that reloads rather than a server: the page stays the same one file a CI artifact holds,
 * opens from disk, needs no port, and nothing listens on the machine. (A file:// page cannot fetch
 * its own file in Chromium, so it reloads whole rather than polling for data.)
 *
 * Findings are replayed and drawn once (ReportCache). The first rewrite must succeed — a directory that
 * holds no campaign is the user's mistake, a UsageError — except that a campaign not started yet
 * (no campaign.json) is waited for; a later failure (a file replaced while it was read) is reported
 * and the next round tries again. When `signal` aborts (SIGINT in the command line), the report is
 * written a last time as an ordinary page, without the reload, and the promise resolves.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { campaignFile } from '../store/campaignDirectory.js';
import { findingsDir } from '../store/findingStore.js';
import { statsFile } from '../store/statsFile.js';
import type { EngineLoader } from '../protocol/engineChoice.js';
import { ReportCache, writeReport } from './report.js';

export const DEFAULT_WATCH_SECONDS = 3;

export interface WatchOptions {
  /** How often the page is rewritten and reloads itself, in seconds. */
  intervalSeconds?: number;
  /** Stops the watch: the last report is written without the reload. */
  signal?: AbortSignal;
  /** Told after every rewrite. */
  onWrite?: (file: string) => void;
  /** Told of a rewrite that failed after the first; the next round tries again. */
  onError?: (error: Error) => void;
  /** Told once while there is no campaign.json yet. */
  onWaiting?: () => void;
}

/** What changes when a campaign moves: the state, the stats, the findings. */
function fingerprint(dir: string): string {
  const stamp = (file: string) => {
    try {
      const s = statSync(file);
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return '-';
    }
  };
  let findings = '-';
  try {
    findings = readdirSync(findingsDir(dir)).sort().join(',');
  } catch {
    // not there yet
  }
  return [stamp(campaignFile(dir)), stamp(statsFile(dir)), findings].join('|');
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Rewrites DIR/report.html until `signal` aborts; resolves with the file once the last, ordinary report is written. */
export async function watchReport(dir: string, engines: EngineLoader, options: WatchOptions = {}): Promise<string> {
  const seconds = options.intervalSeconds ?? DEFAULT_WATCH_SECONDS;
  const cache = new ReportCache();
  const file = join(dir, 'report.html');
  let written = false;
  let seen = '';
  let waited = false;
  while (!options.signal?.aborted) {
    if (!existsSync(campaignFile(dir)) && existsSync(dir) && !written) {
      if (!waited) options.onWaiting?.();
      waited = true;
    } else {
      const now = fingerprint(dir);
      if (now !== seen) {
        try {
          await writeReport(dir, engines, { liveSeconds: seconds, cache });
          seen = now;
          written = true;
          options.onWrite?.(file);
        } catch (e) {
          if (!written) throw e;
          options.onError?.(e as Error);
        }
      }
    }
    await pause(seconds * 1000, options.signal);
  }
  if (existsSync(campaignFile(dir))) await writeReport(dir, engines, { cache });
  return file;
}
