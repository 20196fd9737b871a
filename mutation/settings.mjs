/*
 * The numbers of a mutation run, in one place: the configuration (stryker.config.mjs), the sample
 * (mutants.mjs), the test (suiteAtBudget.mjs) and the driver (runMutation.mjs) read them. This module
 * imports nothing, so that the test, started once per mutant, loads no more than it needs.
 */

/**
 * Whether the test of each mutant also runs the regressions longer than 5,000 statements (off: in Stryker's
 * instrumented build the one there is takes ~66 s, which every surviving mutant would pay; suiteAtBudget.mjs
 * step 4). PYMEM_MUTATION_LONG=1 turns it on, for replaying the mutant only that program kills.
 */
export const LONG_REGRESSIONS = process.env.PYMEM_MUTATION_LONG === '1';

/** Generated programs per CI property in the test of each mutant (PYMEM_MUTATION_RUNS overrides). */
export const RUNS_PER_PROPERTY = Number(process.env.PYMEM_MUTATION_RUNS ?? 200);

/**
 * The sampled run's mutants (PYMEM_MUTATION_SAMPLE_SIZE overrides: a smaller smoke run, a larger sample),
 * and the seed that picks them (PYMEM_MUTATION_SAMPLE_SEED overrides: a fresh sample, whose survivors
 * nobody has triaged yet, tells how far the triage of the fixed one carries).
 */
export const SAMPLE_SIZE = Number(process.env.PYMEM_MUTATION_SAMPLE_SIZE ?? 250);
export const SAMPLE_SEED = Number(process.env.PYMEM_MUTATION_SAMPLE_SEED ?? 20261206);

/** Test processes at once: the machine has two cores. */
export const CONCURRENCY = 2;

/** One program of the test running longer than this is a hang (suiteAtBudget.mjs's watchdog): killed. */
export const HANG_MS = 20_000;

/**
 * Stryker's own timeout, TIMEOUT_FACTOR × the unmutated run + TIMEOUT_MS: only a backstop (a mutant that
 * slows every program without hanging one). Wide, because the unmutated run is measured once, at the
 * start, and the machine's load changes during a run.
 */
export const TIMEOUT_FACTOR = 3;
export const TIMEOUT_MS = 60_000;
