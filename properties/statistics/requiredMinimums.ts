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
 * Every SPEC §4 invariant has a minimum too: the share of programs with at least one statement in which
 * the situation it guards occurred (LockstepResult.exercised, counted by the lockstep run itself), so
 * that an invariant the generated programs stop reaching fails the run instead of passing unchecked.
 *
 * Feature minimums apply only when the engine reports feature counters (a plug-in may not).
 */
import { GENERATED_KINDS } from '../generators/programArbitrary.js';
import type { Invariant } from '../lockstep/divergence.js';
import type { RunStatistics, StatisticKey } from './runStatistics.js';

export interface RequiredMinimum {
  key: StatisticKey;
  /** Percentage of the programs in which it must happen at least once. */
  percentOfPrograms: number;
}

/** Below this many programs the shares are too noisy to judge. */
export const MINIMUM_SAMPLE = 2000;

/** Kinds that need an operand of one type bound at that point (a live raw block, an instance with a slot set). */
const DEPENDENT_KINDS: readonly string[] = ['free', 'realloc', 'delSlot'];

/** Per invariant: the minimum % of programs with a statement exercising it (measured share in the comment). */
const INVARIANT_MINIMUMS: ReadonlyArray<readonly [Invariant, number]> = [
  ['reachable-never-freed', 25], // 76–78%
  ['refcount-death-is-prompt', 25], // 79–80%
  ['full-collect-is-complete', 0.7], // 2.2–2.7%: a generation-2 collection that found garbage
  ['collect-frees-exactly-young-garbage', 1.2], // 3.6–3.8%: a generation-0/1 collection that found garbage
  ['refcount-equals-referrers', 25], // 84–85%
  ['survivors-promoted', 14], // 43–45%
  ['new-objects-in-gen0', 30], // 94%
  ['frozen-never-collected', 2.3], // 7.0–7.5%
  ['count-rules', 30], // 96%
  ['threshold-triggering', 6], // 18.5–20%
  ['finalizer-at-most-once', 2], // 6.5–7.7%: an object finalized before is freed
  ['resurrection-keeps-reachable', 15], // 47–48%
  ['weakref-cleared-before-finalizers', 0.1], // 0.33–0.43%: a collection that found garbage cleared a weakref
  ['callback-only-if-weakref-reachable', 4], // 13.4–13.6%
  ['saveall-keeps-garbage', 0.3], // 0.9–1.3%
  ['stats-match-collections', 15], // 47–50%
  ['tracking-rules', 11], // 34–35%
  ['blocks-disjoint-and-aligned', 30], // 91%
  ['block-in-right-size-class', 30], // 92%
  ['freed-block-reused-lifo', 24], // 72–73%
  ['pool-state-consistent', 32], // 98%
  ['arena-order-and-release', 8], // 26.6–26.7%: a second arena, a release, a reordering
  ['raw-fallback-over-512', 5.5], // 17–19%
  ['realloc-in-place-rule', 7.5], // 23–25%
  ['bytes-accounting', 32], // 98%
  ['heap-empty-at-teardown', 31], // 95–96%
  ['sizes-match-getsizeof', 28], // 85–86% (tracemalloc and fork files): a live list or dict's size compared
];

/**
 * The invariants of features the default swarm leaves out, required of the property file that turns the
 * feature on (measured over its CI run: 1500 and 1000 programs, seed 20261121).
 */
export const TRACEMALLOC_MINIMUMS: readonly RequiredMinimum[] = [
  { key: 'invariant:traced-memory-matches-live-blocks', percentOfPrograms: 5 }, // 14.9%
];
export const FORK_MINIMUMS: readonly RequiredMinimum[] = [
  { key: 'invariant:pages-written-match-touches', percentOfPrograms: 5 }, // 14.9%
];

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
  // Every SPEC §4 invariant, by the statements that exercised it (properties/lockstep/exercise.ts):
  // share of programs measured over 3000 programs from each of seeds 20261121, 1, 2 → about a third.
  ...INVARIANT_MINIMUMS.map(([invariant, percentOfPrograms]): RequiredMinimum => ({ key: `invariant:${invariant}`, percentOfPrograms })),
];

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
