/*
 * What moved, when a minimum goes red: the same statistics recorded for the fixed-seed CI run (a
 * baseline, written by `npm run stats:baseline`) against the run that fell short, so that a reader can
 * tell "the generator drifted" from "the implementation changed" before reading any table.
 *
 * The sections move for different reasons. Statement kinds come from the programs alone: with the same
 * seed and the same number of programs they are identical unless the generator changed. The trace and the
 * invariants exercised come from the model's run of those programs: with the statements unchanged they
 * move only when the model did. Features and rule boundaries are the engine's counters: with the rest
 * unchanged, only the implementation moved them. So the verdict is the first section, in that order, that
 * differs from the baseline — a program that now diverges from the model counts for the implementation,
 * its statistics cut short at the divergence — (exactly, for a run of the baseline's size; by more than DRIFT_TOLERANCE of a
 * share otherwise), with its largest moves as evidence; and for every key below its minimum, and for each
 * rule whose events moved most, the count now and in the baseline with the relative change.
 */
import { RULE_CATALOGUE, ruleKeys } from '../rules/ruleCatalogue.js';
import type { RequiredMinimum } from './requiredMinimums.js';
import { RunStatistics, type StatisticKey, type StatisticSection } from './runStatistics.js';

/** A run's statistics as plain data: key → [count, programs]. */
export interface StatisticsBaseline {
  seed: number;
  programs: number;
  statements: number;
  programsWithFeatures: number;
  divergences: number;
  tallies: Record<string, [count: number, programs: number]>;
}

/** A share that moved by less than this (relative) is "unchanged" when the runs differ in size. */
export const DRIFT_TOLERANCE = 0.05;
/** Rules listed as moved: at most this many, each by at least MOVED_SHARE of its baseline programs. */
const MOVED_RULES = 10;
const MOVED_SHARE = 0.25;

export function statisticsBaseline(stats: RunStatistics, seed: number): StatisticsBaseline {
  const tallies: Record<string, [number, number]> = {};
  for (const section of Object.keys(stats.sections) as StatisticSection[]) {
    for (const [name, t] of [...stats.sections[section]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (t.count > 0 || t.programs > 0) tallies[`${section}:${name}`] = [t.count, t.programs];
    }
  }
  return { seed, programs: stats.programs, statements: stats.statements, programsWithFeatures: stats.programsWithFeatures, divergences: stats.divergences, tallies };
}

const baselinePrograms = (b: StatisticsBaseline, key: string) => b.tallies[key]?.[1] ?? 0;

/** `0 (baseline 37, −100%)`: programs now, in the baseline, and the change of the share. */
function movement(stats: RunStatistics, baseline: StatisticsBaseline, key: StatisticKey): string {
  const now = stats.tally(key).programs;
  const before = baselinePrograms(baseline, key);
  const scale = stats.programs / Math.max(1, baseline.programs);
  const change = before === 0 ? (now === 0 ? '±0%' : 'new') : `${signed(Math.round((100 * (now - before * scale)) / (before * scale)))}%`;
  return `${now} programs (baseline ${before}${scale === 1 ? '' : ` of ${baseline.programs}`}, ${change})`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

/** The keys of `section` whose programs differ from the baseline, largest relative move first. */
function moves(stats: RunStatistics, baseline: StatisticsBaseline, section: StatisticSection): Array<{ key: StatisticKey; relative: number }> {
  const exact = stats.programs === baseline.programs;
  const names = new Set<string>(stats.sections[section].keys());
  for (const key of Object.keys(baseline.tallies)) if (key.startsWith(`${section}:`)) names.add(key.slice(section.length + 1));
  const moved: Array<{ key: StatisticKey; relative: number }> = [];
  for (const name of names) {
    const key = `${section}:${name}` as StatisticKey;
    const now = stats.tally(key).programs / Math.max(1, stats.programs);
    const before = baselinePrograms(baseline, key) / Math.max(1, baseline.programs);
    const relative = before === 0 ? (now === 0 ? 0 : Infinity) : Math.abs(now - before) / before;
    const count = stats.tally(key).count;
    const countBefore = baseline.tallies[key]?.[0] ?? 0;
    if (exact ? relative > 0 || count !== countBefore : relative > DRIFT_TOLERANCE) moved.push({ key, relative });
  }
  return moved.sort((a, b) => b.relative - a.relative || (a.key < b.key ? -1 : 1));
}

/**
 * For the minimums a run did not meet: which keys, how far from the baseline, which rules' events moved
 * most, and the verdict. Empty when every minimum was met.
 */
export function explainShortfalls(stats: RunStatistics, notMet: readonly RequiredMinimum[], baseline: StatisticsBaseline): string[] {
  if (notMet.length === 0) return [];
  const lines = [`What moved, against the baseline (seed ${baseline.seed}, ${baseline.programs} programs; npm run stats:baseline records it):`];
  for (const m of notMet) lines.push(`  ${m.key} in ${movement(stats, baseline, m.key)}, minimum ${m.percentOfPrograms}%`);

  const ruleMoves: Array<{ text: string; relative: number }> = [];
  for (const rule of RULE_CATALOGUE) {
    for (const key of ruleKeys(rule) as StatisticKey[]) {
      const before = baselinePrograms(baseline, key) * (stats.programs / Math.max(1, baseline.programs));
      const now = stats.tally(key).programs;
      const relative = before === 0 ? (now === 0 ? 0 : 1) : Math.abs(now - before) / before;
      if (relative >= MOVED_SHARE) ruleMoves.push({ text: `rule ${key.slice('rule:'.length)} ${movement(stats, baseline, key)}`, relative });
    }
  }
  ruleMoves.sort((a, b) => b.relative - a.relative);
  if (ruleMoves.length > 0) {
    lines.push(`  rules whose events moved by ${100 * MOVED_SHARE}% or more:`);
    for (const { text } of ruleMoves.slice(0, MOVED_RULES)) lines.push(`    ${text}`);
    if (ruleMoves.length > MOVED_RULES) lines.push(`    … and ${ruleMoves.length - MOVED_RULES} more`);
  }

  const evidence = (moved: Array<{ key: StatisticKey }>) => moved.slice(0, 5).map(({ key }) => `${key} ${movement(stats, baseline, key)}`).join('; ');
  const statements = moves(stats, baseline, 'statement');
  if (statements.length > 0 || stats.statements * baseline.programs !== baseline.statements * stats.programs) {
    lines.push(`  statement kinds moved (${stats.statements} statements, baseline ${baseline.statements}${statements.length > 0 ? `; ${evidence(statements)}` : ''}) → the generator drifted`);
    return lines;
  }
  if (stats.divergences > baseline.divergences) {
    lines.push(`  statement kinds unchanged; ${stats.divergences} programs diverged from the model (baseline ${baseline.divergences}) → the implementation changed (a diverging run's statistics stop at the divergence)`);
    return lines;
  }
  const model = [...moves(stats, baseline, 'trace'), ...moves(stats, baseline, 'invariant')].sort((a, b) => b.relative - a.relative);
  if (model.length > 0) {
    lines.push(`  statement kinds unchanged; the model's trace moved (${evidence(model)}) → the model changed`);
    return lines;
  }
  const engine = [...moves(stats, baseline, 'feature'), ...moves(stats, baseline, 'rule')].sort((a, b) => b.relative - a.relative);
  lines.push(engine.length > 0
    ? `  statement kinds and the model's trace unchanged; the engine's counters moved (${evidence(engine)}) → the implementation changed`
    : '  nothing moved against the baseline: the minimum itself changed, or the baseline is stale (npm run stats:baseline)');
  return lines;
}
