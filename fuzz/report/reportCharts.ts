/*
 * The report's charts as data (chartScript.ts draws them with uPlot): what afl-plot and HypoFuzz show,
 * and what they do not —
 *
 *   findings and bugs, cumulative: distinct bugs and the findings the shrinker is done with never go
 *     down (a count of the files on disk did: unshrunk findings merge when they shrink to one program);
 *   coverage against programs on a log axis: a campaign that still finds features keeps a slope there,
 *     long after the chart against time looks flat;
 *   time since the last new feature: a sawtooth while the campaign learns, a straight rising line once
 *     it is saturated;
 *   throughput, hangs and crashes;
 *   resumed sessions: a vertical marker where each session after the first began.
 *
 * Lines of an old stats.jsonl (before the session, hangs, crashes and bugs fields), or of a merged
 * directory, still chart: the sessions are found where the wall clock jumped further than the campaign
 * time (not in a merge), findings count the most ever on file, and the series they lack are empty, with
 * a note.
 */
import type { StatsLine } from '../store/statsFile.js';
import { CHECKPOINT_MS } from '../campaign/checkpointer.js';

export interface ChartSeries {
  label: string;
  color: string;
  values: Array<number | null>;
  /** `y` (left axis, the default) or `y2` (right axis). */
  scale?: 'y' | 'y2';
  dash?: boolean;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** What x is: campaign time in seconds, or programs (log axis). */
  x: 'time' | 'programs';
  xs: number[];
  series: ChartSeries[];
  /** Unit of the left axis: counts (whole ticks) or seconds (durations). */
  yUnit: 'count' | 'rate' | 'seconds';
  y2Label?: string;
  /** Vertical markers at these x values (resumed sessions), with their labels. */
  markers: Array<{ x: number; label: string }>;
  note?: string;
}

export interface Saturation {
  /** Campaign time (s) and programs when the last new feature was found; null before any. */
  lastNewFeatureAt: number | null;
  lastNewFeatureProgram: number | null;
  /** Campaign time (s) since then. */
  since: number;
  /** Share of the campaign's time spent since the last new feature (0..1). */
  share: number;
}

/** A wall-clock gap between two lines longer than the campaign time between them by this much is a restart. */
const RESTART_GAP_MS = 3 * CHECKPOINT_MS;

const runningMax = (values: number[]) => {
  let max = 0;
  return values.map((v) => (max = Math.max(max, v)));
};

/**
 * Where each session after the first began: the index of its first line. Lines without the session
 * field are split where the wall clock jumped, unless `guess` is false (a merged directory, whose
 * lines interleave shards that ran side by side).
 */
export function sessionStarts(stats: readonly StatsLine[], guess = true): Array<{ index: number; session: number }> {
  const out: Array<{ index: number; session: number }> = [];
  let session = stats[0]?.session ?? 1;
  for (let i = 1; i < stats.length; i++) {
    const s = stats[i];
    const previous = stats[i - 1];
    if (s.session !== undefined && previous.session !== undefined) {
      if (s.session !== previous.session) out.push({ index: i, session: (session = s.session) });
      continue;
    }
    if (!guess) continue;
    const wall = Date.parse(s.time) - Date.parse(previous.time);
    const campaign = s.elapsedMs - previous.elapsedMs;
    if (Number.isFinite(wall) && wall - campaign > RESTART_GAP_MS) out.push({ index: i, session: ++session });
  }
  return out;
}

export function saturation(stats: readonly StatsLine[]): Saturation {
  let at: number | null = null;
  let program: number | null = null;
  let features = 0;
  for (const s of stats) {
    if (s.features > features) {
      features = s.features;
      at = s.elapsedMs / 1000;
      program = s.programs;
    }
  }
  const end = stats.length > 0 ? stats[stats.length - 1].elapsedMs / 1000 : 0;
  const since = at === null ? end : end - at;
  return { lastNewFeatureAt: at, lastNewFeatureProgram: program, since, share: end > 0 ? since / end : 0 };
}

const COLORS = {
  bugs: '#c62828', findings: '#e53935', waiting: '#ef9a9a', failures: '#6d4c41', features: '#2e7d32', corpus: '#8e24aa',
  programs: '#1e88e5', statements: '#90caf9', since: '#f57c00', hangs: '#5e35b1', crashes: '#d81b60',
};

/** `merged`: the stats of a `pymem merge` directory, where no session can be told from the clock. */
export function reportCharts(stats: readonly StatsLine[], merged = false): ChartSpec[] {
  const time = stats.map((s) => s.elapsedMs / 1000);
  const pick = (f: (s: StatsLine) => number | undefined) => stats.map((s) => f(s) ?? null);
  const starts = sessionStarts(stats, !merged);
  const timeMarkers = starts.map((s) => ({ x: time[s.index], label: `session ${s.session}` }));
  const hasNewFields = stats.length > 0 && stats.every((s) => s.bugs !== undefined);

  const findingsSeries: ChartSeries[] = hasNewFields
    ? [
      { label: 'bugs (distinct)', color: COLORS.bugs, values: runningMax(stats.map((s) => s.bugs!)) },
      { label: 'findings shrunk or kept', color: COLORS.findings, values: runningMax(stats.map((s) => s.findingsSettled!)) },
      { label: 'waiting to shrink', color: COLORS.waiting, values: stats.map((s) => s.findings - s.findingsSettled!), dash: true },
    ]
    : [{ label: 'findings (most on file so far)', color: COLORS.findings, values: runningMax(stats.map((s) => s.findings)) }];
  findingsSeries.push({ label: 'failing programs', color: COLORS.failures, values: pick((s) => s.failures), scale: 'y2', dash: true });

  // Coverage against programs: one point per distinct program count (the log axis needs x > 0, ascending).
  const byPrograms = new Map<number, StatsLine>();
  for (const s of stats) if (s.programs > 0) byPrograms.set(s.programs, s);
  const programs = [...byPrograms.keys()].sort((a, b) => a - b);
  const programMarkers = starts.filter((s) => stats[s.index].programs > 0).map((s) => ({ x: stats[s.index].programs, label: `session ${s.session}` }));

  let lastNew = 0;
  let features = -1;
  const since = stats.map((s, i) => {
    if (s.features > features) {
      features = s.features;
      lastNew = time[i];
    }
    return time[i] - lastNew;
  });

  const hasFailures = stats.some((s) => s.hangs !== undefined);
  return [
    {
      id: 'chart-findings', title: 'Findings and bugs (cumulative)', x: 'time', xs: time, series: findingsSeries, yUnit: 'count', y2Label: 'failing programs',
      markers: timeMarkers, note: hasNewFields ? undefined : 'this stats.jsonl has no bug count (written before it was recorded, or by pymem merge): the findings line is the most findings on file so far',
    },
    {
      id: 'chart-coverage', title: 'Coverage against programs', x: 'programs', xs: programs, yUnit: 'count', markers: programMarkers,
      series: [
        { label: 'features', color: COLORS.features, values: programs.map((p) => byPrograms.get(p)!.features) },
        { label: 'corpus', color: COLORS.corpus, values: programs.map((p) => byPrograms.get(p)!.corpus) },
      ],
    },
    {
      id: 'chart-saturation', title: 'Time since the last new feature', x: 'time', xs: time, yUnit: 'seconds', markers: timeMarkers,
      series: [{ label: 'since the last new feature', color: COLORS.since, values: since }],
      note: 'a sawtooth while the campaign still learns; a straight rising line once it is saturated',
    },
    {
      id: 'chart-throughput', title: 'Throughput', x: 'time', xs: time, yUnit: 'rate', y2Label: 'statements/s', markers: timeMarkers,
      series: [
        { label: 'programs/s', color: COLORS.programs, values: pick((s) => s.programsPerSecond) },
        { label: 'statements/s', color: COLORS.statements, values: pick((s) => s.statementsPerSecond), scale: 'y2' },
      ],
    },
    {
      id: 'chart-failures', title: 'Hangs and crashes (cumulative)', x: 'time', xs: time, yUnit: 'count', markers: timeMarkers,
      series: [
        { label: 'hangs', color: COLORS.hangs, values: pick((s) => s.hangs) },
        { label: 'crashes', color: COLORS.crashes, values: pick((s) => s.crashes) },
      ],
      note: hasFailures ? undefined : 'this stats.jsonl has no hang and crash counts (written before they were recorded, or by pymem merge): the summary has the totals',
    },
  ];
}
