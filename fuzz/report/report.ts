/*
 * `pymem report DIR`: one self-contained `DIR/report.html` for a campaign (or a merge of shards) —
 * what it ran, how fast, what it covered, the statistics of statement kinds and events, and every
 * finding with its program, its replay command, the model-vs-implementation difference and a
 * picture of the heap at the failing step (a divergence is replayed to draw it). Inline CSS and SVG
 * only: the file can be mailed, archived as a CI artifact, or opened from disk.
 */
import { join } from 'node:path';
import { writeFileAtomically } from '../../io/atomicFiles.js';
import { readCampaignDirectory } from '../store/campaignDirectory.js';
import { describeEngine, type EngineLoader } from '../protocol/engineChoice.js';
import { findingFile } from '../store/findingStore.js';
import { type FindingRecord, failureLabel, replayCommand } from '../store/findingRecord.js';
import { heapSvg } from '../../views/heapSvg.js';
import { formatDuration } from '../campaign/progressLine.js';
import { type Replay, replayFinding } from '../replay/replayFinding.js';
import { REPORT_STYLE } from './reportStyle.js';
import { countTable, html, originTable, summaryTable } from './reportTables.js';
import { readStats } from '../store/statsFile.js';
import { lineChart } from './svgChart.js';
import { formatDifferences } from '../replay/traceDiff.js';

export async function writeReport(dir: string, engines: EngineLoader): Promise<string> {
  const { state, corpus, findings } = readCampaignDirectory(dir);
  const stats = readStats(dir);
  const replays = new Map<string, Replay | Note>();
  for (const f of findings) {
    if (f.kind !== 'divergence') {
      // A hang or a dead worker replays only in a worker, at the cost of its time limit; it has no heap to draw.
      replays.set(f.signature, { tone: 'note', text: `kept as found: a ${f.kind} is not replayed for the report (it costs the time limit); run the replay command` });
      continue;
    }
    try {
      replays.set(f.signature, await replayFinding(f, findingFile(dir, f.signature), engines));
    } catch (e) {
      replays.set(f.signature, { tone: 'warn', text: `could not replay: ${(e as Error).message}` });
    }
  }
  const c = state.counters;
  const features = new Set(corpus.flatMap((e) => e.features)).size;
  const span = stats.length > 0 ? stats[stats.length - 1].elapsedMs : 0;
  const axis = timeAxis(span);
  const points = (pick: (s: (typeof stats)[number]) => number) => stats.map((s) => [s.elapsedMs, pick(s)] as [number, number]);
  const chart = (title: string, series: Array<[string, string, (s: (typeof stats)[number]) => number]>) =>
    lineChart({ title, xLabel: 'campaign time', formatX: axis.format, xTicks: axis.ticks, series: series.map(([name, color, pick]) => ({ name, color, points: points(pick) })) });
  const shards = state.mergedFrom ? `${state.mergedFrom.length} merged directories` : `${state.shard.index}/${state.shard.count}`;
  const body = [
    `<h1>pymem campaign: ${html(dir)}</h1>`,
    summaryTable([
      ['seed', state.seed], ['shard', shards], ['engine', describeEngine(state.engine)], ['CPython', state.cpython], ['time', formatDuration(c.elapsedMs)],
      ['programs', `${c.programs.toLocaleString('en-US')} (${Math.round(c.programs / Math.max(1, c.elapsedMs / 1000))}/s on average)`],
      ['statements', c.statements.toLocaleString('en-US')], ['coverage features', String(features)], ['corpus', String(corpus.length)],
      ['failing programs', `${c.failures} (hangs ${c.hangs}, crashes ${c.crashes})`], ['findings', String(findings.length)],
      ['sessions', String(c.sessions)], ['versions', `pymem ${state.versions.pymem}, Node ${state.versions.node}`],
    ]),
    '<h2 id="over-time">Over time</h2><div class="charts">',
    chart('Throughput (programs/s)', [['programs/s', '#1e88e5', (s) => s.programsPerSecond]]),
    chart('Coverage', [['features', '#43a047', (s) => s.features], ['corpus', '#8e24aa', (s) => s.corpus]]),
    chart('Findings (distinct)', [['findings', '#e53935', (s) => s.findings]]),
    '</div>',
    '<h2 id="search">Search</h2>', originTable(state, corpus),
    Object.keys(state.failuresByLabel).length > 0 ? countTable('Failing programs by invariant', state.failuresByLabel) : '',
    `<h2>Findings (${findings.length})</h2>`,
    findings.length === 0 ? '<p>None: every program agreed with the model.</p>' : findings.map((f) => findingSection(dir, f, replays.get(f.signature)!)).join('\n'),
    '<h2 id="statistics">Statistics</h2><div class="tables">',
    countTable('Statement kinds', state.kinds),
    countTable('Events in the traces', state.events, c.programs),
    countTable('The engine\'s event counters', state.engineCounters ?? {}, c.programs),
    '</div>',
  ];
  const page = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>pymem campaign ${html(dir)}</title>` +
    `<style>${REPORT_STYLE}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
  const file = join(dir, 'report.html');
  writeFileAtomically(file, page);
  return file;
}

/** Ticks at round times (seconds, minutes or hours, whichever suits the campaign's length). */
function timeAxis(spanMs: number): { ticks: number[]; format: (ms: number) => string } {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200].map((s) => s * 1000);
  const step = steps.find((s) => spanMs / s <= 6) ?? 86_400_000;
  const ticks = Array.from({ length: Math.ceil(spanMs / step) + 1 }, (_, i) => i * step);
  const format = step < 60_000 ? (ms: number) => `${ms / 1000} s` : step < 3_600_000 ? (ms: number) => `${ms / 60_000} min` : (ms: number) => `${ms / 3_600_000} h`;
  return { ticks: ticks.length > 1 ? ticks : [0, step], format };
}

/** The program with line numbers, the failing statement marked (a divergence's step counts statements). */
function programListing(f: FindingRecord): string {
  let statement = 0;
  const lines = f.program.replace(/\n$/, '').split('\n').map((line) => {
    if (line.startsWith('#')) return `<span class="comment">      ${html(line)}</span>`;
    statement++;
    const failing = f.kind === 'divergence' && statement === f.step;
    return `<span${failing ? ' class="fail"' : ''}>${failing ? '&gt;&gt;' : '  '} ${String(statement).padStart(3)}  ${html(line)}</span>`;
  });
  return `<pre class="program">${lines.join('\n')}</pre>`;
}

interface Note {
  tone: 'note' | 'warn';
  text: string;
}

function findingSection(dir: string, f: FindingRecord, replay: Replay | Note): string {
  const where = f.kind !== 'divergence' ? '' : f.step === 0 ? ' at teardown' : ` at step ${f.step}`;
  const origin = `program ${f.index} (${f.origin})${f.indices.length > 1 ? `, and ${f.indices.length - 1} more failing programs` : ''}`;
  const size = f.status === 'shrunk' ? `${f.size} statements, shrunk from ${f.originalSize}` : `${f.size} statements`;
  const replayText = 'tone' in replay ? `<p class="${replay.tone}">${html(replay.text)}</p>` : [
    `<p>Replayed now: ${replay.reproduced ? 'reproduces' : replay.failure ? 'fails differently' : '<b>does not reproduce</b>'}.</p>`,
    replay.differences ? `<pre class="diff">${html(formatDifferences(replay.differences).join('\n'))}</pre>` : '',
    replay.heap ? `<div class="heap">${heapSvg(replay.heap)}</div>` : '',
  ].join('\n');
  return `<section class="finding" id="${html(f.signature)}"><h3>${html(f.signature)}</h3>` +
    `<p><b>${html(failureLabel(f))}</b>${where}: ${html(f.message)}</p>` +
    `<p class="meta">${html(f.status)} · ${html(size)} · ${html(origin)}${f.replays ? ` · reproduced ${f.replays.reproduced}/${f.replays.runs}` : ''}</p>` +
    programListing(f) +
    `<p>Replay: <code>${html(replayCommand(findingFile(dir, f.signature)))} --dot heap.dot</code></p>${replayText}</section>`;
}
