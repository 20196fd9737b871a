/*
 * docs/rules.md, generated from the rules catalogue: per area, each rule with what it says, the section it
 * comes from, the profiles it applies to, what shows it was reached, its boundary's quantity and sides
 * (the coverage features `rule:<name>:below|at|above`), the property run that must reach it and its
 * minimums. scripts/rules-doc.mjs writes the file (npm run docs:rules); test/properties/rules.test.ts
 * fails when the file is not what this returns.
 */
import { BOUNDARY_SIDES, RULE_CATALOGUE, type RuleArea, type RuleEntry } from './ruleCatalogue.js';

const AREA_TITLES: Record<RuleArea, string> = {
  collector: 'The collector', counts: 'Counts', weakrefs: 'Weakrefs', finalizers: 'Finalizers', tracking: 'Tracking',
  freelists: 'Freelists', dicts: 'Dict keys tables', lists: 'List growth', deallocation: 'Deallocation',
  pymalloc: 'pymalloc: classes, pools, arenas', realloc: 'Realloc', tracemalloc: 'tracemalloc', fork: 'fork pages',
  versions: 'The 3.12 and 3.13 variants',
};

const SUITE_TEXT = {
  default: 'the default swarm\'s fixed-seed run (test/properties/statistics.test.ts)',
  tracemalloc: 'properties/tracemalloc.test.ts', fork: 'properties/fork.test.ts',
  '3.12': 'properties/versions.test.ts under 3.12', '3.13': 'properties/versions.test.ts under 3.13',
} as const;

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function link(doc: string): string {
  const [file, anchor] = doc.split('#');
  return `[${file.replace(/^docs\//, '')}#${anchor}](${file.replace(/^docs\//, '')}#${anchor})`;
}

function boundaryText(rule: RuleEntry): string {
  if (!rule.boundary) return 'none';
  const sides = BOUNDARY_SIDES.map((side) => (rule.boundary!.sides.includes(side) ? `\`${side}\`` : `~~${side}~~`)).join(' ');
  return `${rule.boundary.quantity}: ${sides}`;
}

function minimumText(rule: RuleEntry): string {
  const m = rule.minimums;
  const sides = (rule.boundary?.sides ?? []).filter((s) => m[s] !== undefined).map((s) => `${s} ${m[s]}%`);
  return [`reached ${m.reached}%`, ...sides].join(', ') + ` (measured: ${m.measured})`;
}

export function rulesDoc(): string {
  const out = [
    '# Rules and their boundaries',
    '',
    '<!-- Generated from properties/rules/ruleCatalogue.ts by `npm run docs:rules`; do not edit by hand. -->',
    '',
    'Every rule of [CPython 3.11](cpython-3.11.md), [the abstract machine](abstract-machine.md) and',
    '[the version profiles](cpython-versions.md) that a generated program can reach, with what shows it was',
    'reached and, where the rule compares a quantity x with a limit L, its boundary: the coverage features',
    '`rule:<name>:below`, `:at` and `:above` count the times the rule decided at x = L − 1, L and L + 1 — where an',
    'off-by-one lives. A side struck through is one the rule can never be on. The engine counts them where the',
    'rule decides (pymem\'s implementation: `impl/runtime/features.ts`, `impl/pymalloc/events.ts`); the',
    'statistics print them as a table (`rule:<name>` reached, then each side, in programs and events), the',
    'property run named in each row fails when one falls below its minimum (a share of the programs), and a',
    'campaign\'s report lists the rules and sides it never reached.',
    '',
    'Rules that scale (thresholds, pool and arena sizes) are reached cheaply with scaled configuration; the',
    'ones with CPython\'s real numbers (threshold 700, the freelists\' 80 and 2000) are reached as well, by a rare',
    'long history (`properties/generators/idiomTemplate.ts`, `ruleEdges`), because scaling can hide an',
    'off-by-one that only the real numbers expose.',
    '',
  ];
  for (const area of Object.keys(AREA_TITLES) as RuleArea[]) {
    const rules = RULE_CATALOGUE.filter((r) => r.area === area);
    if (rules.length === 0) continue;
    out.push(`## ${AREA_TITLES[area]}`, '', '| rule | statement | from | profiles | reached by | boundary | required of | minimums |', '|---|---|---|---|---|---|---|---|');
    for (const r of rules) {
      const reached = r.reachedBy.length > 0 ? r.reachedBy.map((k) => `\`${k}\``).join(', ') : 'any side of its boundary';
      out.push(`| \`${r.name}\` | ${cell(r.statement)} | ${link(r.doc)} | ${r.profiles.join(', ')} | ${reached} | ${cell(boundaryText(r))} | ${r.area === 'versions' ? `properties/versions.test.ts under ${r.profiles.join(' and ')}` : SUITE_TEXT[r.suite]} | ${cell(minimumText(r))} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
