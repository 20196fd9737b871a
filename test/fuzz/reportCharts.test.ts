/*
 * The report's charts as data (fuzz/report/reportCharts.ts), from stats.jsonl lines of both formats:
 * cumulative findings and bugs never go down, resumed sessions are marked (from the session field, or
 * from the wall clock for old lines, never for a merge), and the time since the last new feature
 * measures saturation.
 */
import { describe, expect, it } from 'vitest';
import { reportCharts, saturation, sessionStarts } from '../../fuzz/report/reportCharts.js';
import type { StatsLine } from '../../fuzz/store/statsFile.js';

const START = Date.parse('2026-01-01T00:00:00Z');

/** A line at campaign time `s` seconds, written at wall-clock second `wall`. */
function line(s: number, wall: number, fields: Partial<StatsLine> = {}): StatsLine {
  return {
    time: new Date(START + wall * 1000).toISOString(), elapsedMs: s * 1000, programs: 10 * s, statements: 100 * s,
    programsPerSecond: 10, statementsPerSecond: 100, features: 0, corpus: 0, findings: 0, failures: 0, ...fields,
  };
}

describe('the report charts', () => {
  it('marks resumed sessions from the session field, and keeps findings and bugs cumulative', () => {
    const stats = [
      line(1, 1, { session: 1, findings: 4, findingsSettled: 0, bugs: 1, hangs: 0, crashes: 0 }),
      line(2, 2, { session: 1, findings: 1, findingsSettled: 1, bugs: 1, hangs: 1, crashes: 0 }),
      line(3, 60, { session: 2, findings: 2, findingsSettled: 2, bugs: 2, hangs: 1, crashes: 1 }),
    ];
    expect(sessionStarts(stats)).toEqual([{ index: 2, session: 2 }]);
    const findings = reportCharts(stats).find((c) => c.id === 'chart-findings')!;
    expect(findings.markers).toEqual([{ x: 3, label: 'session 2' }]);
    expect(findings.series.map((s) => [s.label, s.values])).toEqual([
      ['bugs (distinct)', [1, 1, 2]],
      ['findings shrunk or kept', [0, 1, 2]],
      ['waiting to shrink', [4, 0, 0]],
      ['failing programs', [0, 0, 0]],
    ]);
    const failures = reportCharts(stats).find((c) => c.id === 'chart-failures')!;
    expect(failures.series.map((s) => s.values)).toEqual([[0, 1, 1], [0, 0, 1]]);
    expect(failures.note).toBeUndefined();
  });

  it('reads old lines: sessions where the wall clock jumped, the most findings on file so far, a note for the rest', () => {
    const stats = [line(1, 1, { findings: 4 }), line(2, 2, { findings: 1 }), line(3, 120, { findings: 2 }), line(4, 121, { findings: 2 })];
    expect(sessionStarts(stats)).toEqual([{ index: 2, session: 2 }]);
    const charts = reportCharts(stats);
    const findings = charts.find((c) => c.id === 'chart-findings')!;
    expect(findings.series[0]).toMatchObject({ label: 'findings (most on file so far)', values: [4, 4, 4, 4] });
    expect(findings.note).toContain('no bug count');
    expect(charts.find((c) => c.id === 'chart-failures')!.series[0].values).toEqual([null, null, null, null]);
    // A merge interleaves shards that ran side by side: its clock says nothing about sessions.
    expect(reportCharts(stats, true).find((c) => c.id === 'chart-findings')!.markers).toEqual([]);
  });

  it('plots coverage against programs on distinct positive program counts, and the time since the last new feature', () => {
    const stats = [line(0, 0, { programs: 0 }), line(1, 1, { features: 5 }), line(2, 2, { features: 9 }), line(3, 3, { features: 9 }), line(4, 4, { features: 9 })];
    const charts = reportCharts(stats);
    const coverage = charts.find((c) => c.id === 'chart-coverage')!;
    expect(coverage.xs).toEqual([10, 20, 30, 40]);
    expect(coverage.series[0].values).toEqual([5, 9, 9, 9]);
    expect(charts.find((c) => c.id === 'chart-saturation')!.series[0].values).toEqual([0, 0, 0, 1, 2]);
    expect(saturation(stats)).toEqual({ lastNewFeatureAt: 2, lastNewFeatureProgram: 20, since: 2, share: 0.5 });
  });
});
