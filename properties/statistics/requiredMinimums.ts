/*
 * How often the key events must occur for a property run to count as testing them: a share of the
 * programs in which each one happened at least once. A generator change that starves a state (no more
 * automatic gen-2 collections, no arena ever released…) passes every invariant — nothing is checked
 * there any more — so the suite fails on the statistics instead.
 *
 * The minimums are for the default generator profile (every generated kind, at most 60 statements, the
 * four geometries). Each is about a third of the share measured over 3000 programs of that profile from
 * three seeds (20261121, 1, 2; properties/statistics/README.md has the report): far enough below that the
 * fixed-seed CI run and a long run from any seed pass, above zero so that a starved event fails. A focused
 * profile (fewer kinds or geometries) checks the subset that applies to it.
 *
 * Every invariant has a minimum too, kept with the invariant in properties/invariants/catalogue.ts: the
 * share of programs with at least one statement in which the situation it guards occurred
 * (LockstepResult.exercised, counted by the lockstep run itself), so that an invariant the generated
 * programs stop reaching fails the run instead of passing unchecked. Each applies to the property file
 * of its profile: the default swarm, or the file that turns on the feature the default leaves out.
 *
 * Feature minimums apply only when the engine reports feature counters (a plug-in may not).
 */
import type { CPythonVersion } from '../../language/ast.js';
import { cpythonProfile } from '../../contract/cpythonProfiles.js';
import { GENERATED_KINDS } from '../generators/programArbitrary.js';
import { INVARIANT_CATALOGUE, invariantEntry, isInvariant, type Invariant } from '../invariants/catalogue.js';
import { atLevel, type ContractLevel, type PropertyProfile } from '../invariants/invariantEntry.js';
import type { RunStatistics, StatisticKey } from './runStatistics.js';
import { RULE_CATALOGUE, type RuleSuite } from '../rules/ruleCatalogue.js';

export interface RequiredMinimum {
  key: StatisticKey;
  /** Percentage of the programs in which it must happen at least once. */
  percentOfPrograms: number;
}

/** Below this many programs the shares are too noisy to judge. */
export const MINIMUM_SAMPLE = 2000;

/** Kinds that need an operand of one type bound at that point (a live raw block, an instance with a slot set). */
const DEPENDENT_KINDS: readonly string[] = ['free', 'realloc', 'delSlot'];

/** The catalogue's invariant minimums for the property file of `profile`. */
export function invariantMinimums(profile: PropertyProfile): RequiredMinimum[] {
  const minimums: RequiredMinimum[] = [];
  for (const { name, minimum } of INVARIANT_CATALOGUE) {
    if ('profile' in minimum && minimum.profile === profile) minimums.push({ key: `invariant:${name}`, percentOfPrograms: minimum.percentOfPrograms });
  }
  return minimums;
}

/** The invariants of features the default swarm leaves out, required of the property file that turns the feature on. */
export const TRACEMALLOC_MINIMUMS: readonly RequiredMinimum[] = [...invariantMinimums('tracemalloc'), ...ruleMinimums('tracemalloc')];
export const FORK_MINIMUMS: readonly RequiredMinimum[] = [...invariantMinimums('fork'), ...ruleMinimums('fork')];

/**
 * The catalogue's rule minimums for a property run (properties/rules/ruleCatalogue.ts): the rules of
 * its suite, reached and each side of the boundary; under a version profile, the variants of that
 * version (the area `versions`, profiles including it).
 */
export function ruleMinimums(suite: RuleSuite): RequiredMinimum[] {
  const minimums: RequiredMinimum[] = [];
  const version = suite === '3.12' || suite === '3.13';
  for (const rule of RULE_CATALOGUE) {
    if (version ? !(rule.area === 'versions' && rule.profiles.includes(suite)) : rule.suite !== suite) continue;
    if (rule.minimums.reached > 0) minimums.push({ key: `rule:${rule.name}`, percentOfPrograms: rule.minimums.reached });
    for (const side of rule.boundary?.sides ?? []) {
      const share = rule.minimums[side];
      if (share !== undefined && share > 0) minimums.push({ key: `rule:${rule.name}:${side}`, percentOfPrograms: share });
    }
  }
  return minimums;
}

/**
 * Every rule of the default swarm and the boundaries of each, required of the fixed-seed statistics run
 * (test/properties/statistics.test.ts) only: the rarest boundaries (CPython's default thresholds and
 * freelist capacities) are reached in a handful of programs of the 2000, which a property file with
 * another seed or fewer programs need not repeat.
 */
export const RULE_MINIMUMS: readonly RequiredMinimum[] = ruleMinimums('default');

/** Share measured over 3000 programs (three seeds) → minimum, in % of programs. */
export const REQUIRED_MINIMUMS: readonly RequiredMinimum[] = [
  // Every kind: 13–88% (free, realloc, delSlot 4.8–7.2%).
  ...GENERATED_KINDS.map((kind): RequiredMinimum => ({
    key: `statement:${kind}`,
    percentOfPrograms: DEPENDENT_KINDS.includes(kind) ? 1.5 : 5,
  })),
  { key: 'trace:collect.gen0.explicit', percentOfPrograms: 8 }, // 27%
  { key: 'trace:collect.gen1.explicit', percentOfPrograms: 8 }, // 27%
  { key: 'trace:collect.gen2.explicit', percentOfPrograms: 8 }, // 25%
  { key: 'trace:collect.gen0.automatic', percentOfPrograms: 6 }, // 18–20%
  { key: 'trace:collect.gen1.automatic', percentOfPrograms: 1.5 }, // 4.8–5.1%
  { key: 'trace:collect.gen2.automatic', percentOfPrograms: 0.3 }, // 0.9–1.0%
  { key: 'feature:resurrection.refcount', percentOfPrograms: 15 }, // 46–48%
  { key: 'feature:resurrection.gc', percentOfPrograms: 0.4 }, // 1.3–1.6%
  { key: 'feature:finalizer.refcount', percentOfPrograms: 20 }, // 61–63%
  { key: 'feature:finalizer.gc', percentOfPrograms: 1 }, // 2.8–3.0%
  { key: 'feature:weakref.callback.refcount', percentOfPrograms: 2 }, // 6.8–7.3%
  // A callback of a reachable weakref to garbage, during a collection: the rarest key event.
  { key: 'feature:weakref.callback.gc', percentOfPrograms: 0.05 }, // 0.13–0.3% (0.18% over 12000)
  { key: 'feature:tuple.untracked', percentOfPrograms: 0.4 }, // 1.2–1.6%
  { key: 'feature:dict.untracked', percentOfPrograms: 0.15 }, // 0.5–0.7%
  { key: 'feature:dict.tracked-on-insert', percentOfPrograms: 10 }, // 30–31%
  { key: 'feature:gc.saveall-append', percentOfPrograms: 0.3 }, // 0.9–1.3%
  { key: 'feature:gc.freeze-with-objects', percentOfPrograms: 6 }, // 17.5–17.7%
  { key: 'feature:list.shrink-to-zero', percentOfPrograms: 1.5 }, // 4.6–5.4%
  { key: 'feature:freelist.cleared-by-gc', percentOfPrograms: 4 }, // 14–15%
  { key: 'feature:pool.full', percentOfPrograms: 3 }, // 9.5–9.7%
  { key: 'feature:pool.full-to-used', percentOfPrograms: 1 }, // 3.2–3.8%
  { key: 'feature:pool.emptied', percentOfPrograms: 20 }, // 61%
  { key: 'feature:pool.reuse-same-class', percentOfPrograms: 7 }, // 22–26%
  { key: 'feature:arena.empty-kept', percentOfPrograms: 4 }, // 12.3–12.5%
  { key: 'feature:arena.released', percentOfPrograms: 0.2 }, // 0.6–1.0%
  { key: 'feature:realloc.in-place', percentOfPrograms: 1 }, // 3.1–3.9%
  { key: 'feature:realloc.to-raw', percentOfPrograms: 2 }, // 5.6–6.9%
  // Every invariant of the default profile, by the statements that exercised it (properties/lockstep/exercise.ts).
  ...invariantMinimums('default'),
];

/**
 * The rules in which a version profile differs from 3.11, required of the property file that runs the
 * default swarm under that profile (properties/versions.test.ts), each at about a third of its share
 * over 3000 programs from each of three seeds (20261121, 1, 2), 3.12 and 3.13 alike unless noted.
 * Which rules a profile has decides which minimums apply (contract/cpythonProfiles.ts).
 */
export function versionMinimums(cpython: CPythonVersion): RequiredMinimum[] {
  const p = cpythonProfile(cpython);
  const minimums: RequiredMinimum[] = [];
  const add = (feature: string, percentOfPrograms: number) => minimums.push({ key: `feature:${feature}`, percentOfPrograms });
  // Where the collection checks run; the version rules themselves (a scheduled collection, a nested or
  // dropped one, the list rules) are the catalogue's, required below by ruleMinimums.
  if (p.automaticCollection === 'scheduled') {
    add('collect.pending.at-call', 10); // 32–33%
    add('collect.pending.at-del', 2); // 6.9–7.4%
    add('collect.pending.at-callback', 0.2); // 0.7–1.0%
    add('collect.pending.in-collection', 1.2); // 3.7–4.2%
    add('collect.pending.ran-none', 1.2); // 3.12: 6.9–7.9%, 3.13: 3.9–4.6%
  }
  minimums.push(...ruleMinimums(cpython as RuleSuite));
  return minimums;
}

/**
 * The minimums of a check at contract level `level` (docs/contract-levels.md): an invariant's minimum only
 * when the level checks it; every other minimum (statement kinds, trace events, features) as it is.
 */
export function requiredMinimumsAt(level: ContractLevel, minimums: readonly RequiredMinimum[] = REQUIRED_MINIMUMS): RequiredMinimum[] {
  return minimums.filter((m) => !m.key.startsWith('invariant:') || !isInvariant(m.key.slice('invariant:'.length)) ||
    atLevel(invariantEntry(m.key.slice('invariant:'.length) as Invariant).level, level));
}

/** The minimums a run does not meet (feature minimums skipped when no engine reported features). */
export function minimumsNotMet(stats: RunStatistics, minimums: readonly RequiredMinimum[] = REQUIRED_MINIMUMS): RequiredMinimum[] {
  return minimums.filter((m) => {
    const programs = stats.programsFor(m.key);
    if (programs === 0) return m.key.startsWith('statement:') || m.key.startsWith('trace:');
    return (100 * stats.tally(m.key).programs) / programs < m.percentOfPrograms;
  });
}

/** One message per key event below its minimum; empty when every minimum is met. */
export function checkMinimums(stats: RunStatistics, minimums: readonly RequiredMinimum[] = REQUIRED_MINIMUMS): string[] {
  const problems: string[] = [];
  if (stats.programs < MINIMUM_SAMPLE) {
    problems.push(`only ${stats.programs} programs: the required minimums need at least ${MINIMUM_SAMPLE} to judge`);
  }
  for (const m of minimumsNotMet(stats, minimums)) {
    const t = stats.tally(m.key);
    const programs = stats.programsFor(m.key);
    const share = programs === 0 ? 0 : (100 * t.programs) / programs;
    problems.push(
      `${m.key} happened in ${t.programs} of ${programs} programs (${share.toFixed(2)}%), below the minimum ${m.percentOfPrograms}%`,
    );
  }
  return problems;
}
