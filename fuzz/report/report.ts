/*
 * `pymem report DIR`: one self-contained `DIR/report.html` for a campaign (or a merge of shards) —
 * what it ran, how fast, whether it is saturated, what it covered and never reached, its findings
 * grouped by bug, each finding with its program, its replay commands, the model-vs-implementation
 * difference and the heap at the failing step laid out by Graphviz (a divergence is replayed to draw
 * it), and the statistics of statement kinds and events.
 *
 * The charts (reportCharts.ts, drawn by chartScript.ts with uPlot) have tooltips and zoom; uPlot, its
 * stylesheet and the data are inlined, so the file still needs nothing else: it can be mailed,
 * archived as a CI artifact, or opened from disk. `watchReport.ts` rewrites it while the campaign runs,
 * as a live page that reloads itself.
 */
import { join } from 'node:path';
import { writeOutputFile } from '../../io/writeOutputFile.js';
import { readCampaignDirectory } from '../store/campaignDirectory.js';
import { describeEngine, engineAt, type EngineLoader } from '../protocol/engineChoice.js';
import { findingFile } from '../store/findingStore.js';
import { type FindingRecord, failureLabel, replayCommand } from '../store/findingRecord.js';
import { type BugGroup, groupFindings, witnessShownApart } from '../store/bugGroups.js';
import { heapDot } from '../../views/heapDot.js';
import { dotToSvg } from '../../views/graphvizSvg.js';
import { formatDuration } from '../campaign/progressLine.js';
import { type Replay, replayFinding } from '../replay/replayFinding.js';
import { REPORT_STYLE } from './reportStyle.js';
import { bugTable, countTable, html, neverReachedSection, originTable, summaryTable } from './reportTables.js';
import { readStats } from '../store/statsFile.js';
import { formatDifferences } from '../replay/traceDiff.js';
import { reportCharts, saturation } from './reportCharts.js';
import { CHART_SCRIPT } from './chartScript.js';
import { uplotAssets } from './uplotAssets.js';
import { type CounterNames, engineCounterNames, neverReached } from './neverReached.js';
import { scriptJson } from '../../views/htmlText.js';

export interface ReportOptions {
  /** A live page (watchReport.ts): it reloads itself every this many seconds. */
  liveSeconds?: number;
  /** Kept between rewrites of a live page: a finding is replayed and drawn once. */
  cache?: ReportCache;
}

/** What a report computes at a cost (a replay, a Graphviz layout, loading the engine), kept for the next rewrite. */
export class ReportCache {
  /** A finding's section by signature, status and number of failing programs. */
  readonly findings = new Map<string, string>();
  counterNames: CounterNames | null = null;
}

interface Note {
  tone: 'note' | 'warn';
  text: string;
}

export async function writeReport(dir: string, engines: EngineLoader, options: ReportOptions = {}): Promise<string> {
  const file = join(dir, 'report.html');
  writeOutputFile(file, await reportHtml(dir, engines, options));
  return file;
}

export async function reportHtml(dir: string, engines: EngineLoader, options: ReportOptions = {}): Promise<string> {
  const { state, corpus, findings } = readCampaignDirectory(dir);
  const stats = readStats(dir);
  const cache = options.cache ?? new ReportCache();
  const groups = groupFindings(findings);
  const sections = new Map<string, string>();
  for (const f of findings) {
    // A finding keeps its signature while it is shrunk and while more failing programs join it.
    const version = `${f.signature} ${f.status} ${f.indices.length}`;
    let section = cache.findings.get(version);
    if (section === undefined) {
      section = await findingSection(dir, f, await replayForReport(dir, f, engines));
      cache.findings.set(version, section);
    }
    sections.set(f.signature, section);
  }
  cache.counterNames ??= await engineCounterNames(engineAt(state.engine, dir), engines);
  const never = neverReached(state, cache.counterNames);

  const c = state.counters;
  const features = new Set(corpus.flatMap((e) => e.features)).size;
  const saturated = saturation(stats);
  const shards = state.mergedFrom ? `${state.mergedFrom.length} merged directories` : `${state.shard.index}/${state.shard.count}`;
  const perSecond = Math.round(c.programs / Math.max(1, c.elapsedMs / 1000));
  const lastFeature = saturated.lastNewFeatureAt === null ? 'none yet'
    : `${formatDuration(saturated.since * 1000)} ago, at ${formatDuration(saturated.lastNewFeatureAt * 1000)} (program ${saturated.lastNewFeatureProgram!.toLocaleString('en-US')}); ${Math.round(100 * saturated.share)}% of the campaign's time since`;
  const charts = reportCharts(stats, state.mergedFrom !== undefined);
  const { script: uplot, style: uplotStyle } = uplotAssets();
  const live = options.liveSeconds
    ? `<p class="live" id="live">live: rewritten while the campaign runs, reloaded every ${options.liveSeconds} s · written ${html(new Date().toISOString().replace('T', ' ').slice(0, 19))} UTC · <label><input type="checkbox" id="live-pause"> pause</label></p>`
    : '';
  const body = [
    `<h1>pymem campaign: ${html(dir)}</h1>`,
    live,
    summaryTable([
      ['seed', state.seed], ['shard', shards], ['engine', describeEngine(state.engine)],
      ['contract level', `${state.contract ?? 'cpython'} (only its invariants are checked: docs/contract-levels.md)`], ['CPython', state.cpython],
      ['time', formatDuration(c.elapsedMs)],
      ['programs', `${c.programs.toLocaleString('en-US')} (${perSecond}/s on average)`, 'summary-programs'],
      ['statements', c.statements.toLocaleString('en-US')], ['coverage features', String(features), 'summary-features'], ['corpus', String(corpus.length)],
      ['last new feature', lastFeature, 'summary-saturation'],
      ['failing programs', `${c.failures} (hangs ${c.hangs}, crashes ${c.crashes})`],
      ['bugs', `${groups.length} (${findings.length} finding${findings.length === 1 ? '' : 's'})`, 'summary-bugs'],
      ['sessions', String(c.sessions)], ['versions', `pymem ${state.versions.pymem}, Node ${state.versions.node}`],
    ]),
    '<h2 id="over-time">Over time</h2>',
    '<p class="note">Drag across a chart to zoom in, double-click to zoom out; hover for the values. Dashed vertical lines: where a resumed session began.</p>',
    `<div class="charts">${charts.map((ch) => `<figure class="chart" id="${ch.id}">${ch.note ? `<figcaption class="note">${html(ch.note)}</figcaption>` : ''}</figure>`).join('')}</div>`,
    `<h2 id="bugs">Findings grouped by bug (${groups.length})</h2>`,
    groups.length === 0 ? '<p>None: every program agreed with the model.</p>' : bugTable(groups),
    ...groups.map((g) => bugSection(g, sections)),
    '<h2 id="never-reached">Never reached</h2>',
    neverReachedSection(never),
    '<h2 id="search">Search</h2>', originTable(state, corpus),
    Object.keys(state.failuresByLabel).length > 0 ? countTable('Failing programs by invariant', state.failuresByLabel) : '',
    '<h2 id="statistics">Statistics</h2><div class="tables">',
    countTable('Statement kinds', state.kinds),
    countTable('Events in the traces', state.events, c.programs),
    countTable('The engine\'s event counters', state.engineCounters ?? {}, c.programs),
    '</div>',
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>pymem campaign ${html(dir)}</title>` +
    `<style>${uplotStyle}\n${REPORT_STYLE}</style></head><body${options.liveSeconds ? ` data-live-seconds="${options.liveSeconds}"` : ''}>\n${body.join('\n')}\n` +
    `<script type="application/json" id="report-data">${scriptJson({ charts })}</script>\n<script>${uplot}</script>\n<script>${CHART_SCRIPT}</script>\n</body></html>\n`;
}

async function replayForReport(dir: string, f: FindingRecord, engines: EngineLoader): Promise<Replay | Note> {
  if (f.kind !== 'divergence') {
    // A hang or a dead worker replays only in a worker, at the cost of its time limit; it has no heap to draw.
    return { tone: 'note', text: `kept as found: a ${f.kind} is not replayed for the report (it costs the time limit); run the replay command` };
  }
  try {
    return await replayFinding(f, findingFile(dir, f.signature), engines);
  } catch (e) {
    return { tone: 'warn', text: `could not replay: ${(e as Error).message}` };
  }
}

function bugSection(g: BugGroup, sections: Map<string, string>): string {
  const apart = witnessShownApart(g);
  const witness = apart
    ? `<p class="note">The bug's witness: the simplest program that fails this way, shrunk from its findings accepting any failure ` +
      `(${html(apart.invariant)}: ${html(apart.message)})</p><pre class="program">${html(apart.program)}</pre>`
    : '';
  return `<section class="bug" id="bug-${html(g.key.replace(/[^a-z0-9]+/gi, '-'))}"><h3 class="bug-title">${html(g.key)} — ${g.findings.length} finding${g.findings.length === 1 ? '' : 's'}</h3>` +
    witness + g.findings.map((f) => sections.get(f.signature) ?? '').join('\n') + '</section>';
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

async function findingSection(dir: string, f: FindingRecord, replay: Replay | Note): Promise<string> {
  const where = f.kind !== 'divergence' ? '' : f.step === 0 ? ' at teardown' : ` at step ${f.step}`;
  const origin = `program ${f.index} (${f.origin})${f.indices.length > 1 ? `, and ${f.indices.length - 1} more failing programs` : ''}`;
  const size = f.status === 'shrunk' ? `${f.size} statements, shrunk from ${f.originalSize}` : `${f.size} statements`;
  const replayText = 'tone' in replay ? `<p class="${replay.tone}">${html(replay.text)}</p>` : [
    `<p>Replayed now: ${replay.reproduced ? 'reproduces' : replay.failure ? 'fails differently' : '<b>does not reproduce</b>'}.</p>`,
    replay.plugin?.note ? `<p class="warn">${html(replay.plugin.note)}</p>` : '',
    replay.differences ? `<pre class="diff">${html(formatDifferences(replay.differences).join('\n'))}</pre>` : '',
    replay.heap ? `<div class="heap">${await dotToSvg(heapDot(replay.heap))}</div>` : '',
  ].join('\n');
  const command = replayCommand(findingFile(dir, f.signature));
  return `<section class="finding" id="${html(f.signature)}"><h3>${html(f.signature)}</h3>` +
    `<p><b>${html(failureLabel(f))}</b>${where}: ${html(f.message)}</p>` +
    `<p class="meta">${html(f.status)} · ${html(size)} · ${html(origin)}${f.replays ? ` · reproduced ${f.replays.reproduced}/${f.replays.runs}` : ''}</p>` +
    programListing(f) +
    `<p>Replay step by step: <code>${html(command)} --html replay.html</code> · the heap as Graphviz: <code>${html(command)} --dot heap.dot</code></p>${replayText}</section>`;
}
