/*
 * RunStatistics as text for a person: one aligned table per section (statement kinds, trace, features,
 * invariants in the catalogue's order, every one even when never exercised)
 * with counts, the share of programs that reached each one, its required minimum and a mark when it is
 * below; histogram counters (`family:bucket`, such as `collect.gen0.unreachable:4-7` or `sizeclass:31`)
 * folded into one line per family. Then the rules (properties/rules/ruleCatalogue.ts), every one of the
 * catalogue's that applies to a version profile the run's programs had, even when never reached: the programs that reached it and
 * each side of its boundary (`-` for a side the rule cannot be on), its minimums, and a mark naming the
 * keys below them. Printed by the property suite after its runs.
 */
import { INVARIANTS, invariantEntry } from '../invariants/catalogue.js';
import { atLevel, type ContractLevel } from '../invariants/invariantEntry.js';
import { minimumsNotMet, REQUIRED_MINIMUMS, type RequiredMinimum } from './requiredMinimums.js';
import { RunStatistics, type StatisticKey, type StatisticSection, type Tally } from './runStatistics.js';
import { BOUNDARY_SIDES, RULE_CATALOGUE, ruleKeys } from '../rules/ruleCatalogue.js';

const SECTION_TITLES: Record<Exclude<StatisticSection, 'rule'>, string> = {
  statement: 'statement kind',
  trace: 'trace (program statements)',
  feature: 'implementation feature',
  invariant: 'invariant (statements exercising it)',
};
const BELOW = '<< below minimum';
const WRAP = 110;

/** With `level`, the invariants section lists only the invariants a check at that level counts (docs/contract-levels.md). */
export function formatStatistics(stats: RunStatistics, minimums: readonly RequiredMinimum[] = REQUIRED_MINIMUMS, level: ContractLevel = 'cpython'): string {
  const out: string[] = [];
  out.push(
    `pymem statistics: ${stats.programs} programs, ${stats.statements} statements (teardown excluded), ` +
      `${stats.programsWithFeatures} with feature counters`,
  );
  const minimumOf = new Map(minimums.map((m) => [m.key, m]));
  const low = new Set<string>(minimumsNotMet(stats, minimums).map((m) => m.key));
  for (const section of Object.keys(SECTION_TITLES) as Array<Exclude<StatisticSection, 'rule'>>) {
    if (section === 'feature' && stats.programsWithFeatures === 0) {
      out.push('', 'implementation features: not reported by the engine');
      continue;
    }
    const names = new Set<string>(section === 'invariant' ? INVARIANTS.filter((i) => atLevel(invariantEntry(i).level, level)) : []);
    for (const name of stats.sections[section].keys()) names.add(name);
    for (const m of minimums) if (m.key.startsWith(`${section}:`)) names.add(m.key.slice(section.length + 1));
    const plain = [...names].filter((n) => !isHistogram(section, n));
    const ordered = section === 'feature' || section === 'invariant' ? plain : plain.sort((a, b) => stats.tally(key(section, b)).count - stats.tally(key(section, a)).count);
    const header = [SECTION_TITLES[section], 'count', ...(section === 'statement' ? ['% stmts'] : []), 'programs', '% programs', 'minimum', ''];
    const rows = ordered.map((name) => {
      const k = key(section, name);
      const t = stats.tally(k);
      const m = minimumOf.get(k);
      return [
        `  ${name}`, String(t.count), ...(section === 'statement' ? [percent(t.count, stats.statements)] : []),
        String(t.programs), percent(t.programs, stats.programsFor(k)), m ? `${m.percentOfPrograms}%` : '', low.has(k) ? BELOW : '',
      ];
    });
    out.push('', ...alignedTable(header, rows));
    const families = histogramFamilies(section, names, stats);
    if (families.length > 0) out.push('', `${SECTION_TITLES[section]} histograms (count per bucket)`, ...families);
  }
  out.push('', ...ruleTable(stats, minimumOf, low));
  return out.join('\n');
}

/**
 * One row per rule of the run's profiles: programs that reached it, then per side of its boundary the
 * programs (and events) there.
 */
export function ruleTable(stats: RunStatistics, minimumOf: Map<string, RequiredMinimum>, low: Set<string>): string[] {
  const cell = (k: StatisticKey) => {
    const t = stats.tally(k);
    return t.programs === 0 ? '0' : `${t.programs} (${t.count})`;
  };
  const rules = RULE_CATALOGUE.filter((rule) => stats.profiles.size === 0 || rule.profiles.some((p) => stats.profiles.has(p)));
  const rows = rules.map((rule) => {
    const keys = ruleKeys(rule) as StatisticKey[];
    const sides = BOUNDARY_SIDES.map((side) => (rule.boundary?.sides.includes(side) ? cell(`rule:${rule.name}:${side}`) : '-'));
    const minimumAt = (k: string) => String(minimumOf.get(k as StatisticKey)?.percentOfPrograms ?? '-');
    const minimums = rule.boundary ? [`rule:${rule.name}`, ...BOUNDARY_SIDES.map((side) => `rule:${rule.name}:${side}`)].map(minimumAt) : [minimumAt(`rule:${rule.name}`)];
    const minimum = minimums.every((m) => m === '-') ? '' : minimums.join('/');
    const starved = keys.filter((k) => low.has(k)).map((k) => k.slice(`rule:${rule.name}:`.length) || 'reached');
    return [`  ${rule.name}`, rule.profiles.length === 3 ? 'all' : rule.profiles.join(','), rule.suite, cell(`rule:${rule.name}`),
      percent(stats.tally(`rule:${rule.name}`).programs, stats.programsFor(`rule:${rule.name}`)), ...sides, minimum,
      starved.length > 0 ? `${BELOW}: ${starved.join(' ')}` : ''];
  });
  const header = ['rule (programs (events))', 'profiles', 'suite', 'reached', '% programs', 'below', 'at', 'above', 'minimum % (reached/below/at/above)', ''];
  return alignedTable(header, rows);
}

function key(section: StatisticSection, name: string): StatisticKey {
  return `${section}:${name}`;
}

function isHistogram(section: StatisticSection, name: string): boolean {
  return section === 'feature' && name.includes(':');
}

/** One wrapped line per family, buckets in the engine's order, e.g. `collect.gen0.young  0:3 1:40 2-3:17`. */
function histogramFamilies(section: StatisticSection, names: Set<string>, stats: RunStatistics): string[] {
  const families = new Map<string, Array<[string, Tally]>>();
  for (const name of names) {
    if (!isHistogram(section, name)) continue;
    const colon = name.lastIndexOf(':');
    const family = name.slice(0, colon);
    if (!families.has(family)) families.set(family, []);
    families.get(family)!.push([name.slice(colon + 1), stats.tally(key(section, name))]);
  }
  const width = Math.max(0, ...[...families.keys()].map((f) => f.length)) + 4;
  const lines: string[] = [];
  for (const [family, buckets] of families) {
    let line = `  ${family}`.padEnd(width);
    for (const [bucket, t] of buckets) {
      const cell = `${bucket}:${t.count}  `;
      if (line.length + cell.length > WRAP) {
        lines.push(line.trimEnd());
        line = ''.padEnd(width);
      }
      line += cell;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** First column left-aligned, the others right-aligned, the last (a mark) left as is. */
function alignedTable(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const last = header.length - 1;
  return all.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : i === last ? cell : cell.padStart(widths[i]))).join('  ').trimEnd(),
  );
}
