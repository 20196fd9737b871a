/*
 * StrykerJS's configuration for pymem (`npm run mutation`, `npm run mutation:full`; mutation/README.md).
 *
 * What is mutated: `impl/` less its observers (mutants.mjs: the debug heap checks, the event counters).
 * PYMEM_MUTATION_MODE=full mutates all of it; otherwise (`sample`) exactly the fixed sample of mutants.mjs,
 * each given to Stryker as its own line-and-column range in `mutate`, the mutants nested in those ranges
 * turned away by the `pymem-sample` checker (plugins.mjs).
 *
 * How a mutant is tested — mutant switching with the command runner: Stryker instruments the TypeScript
 * sources (every mutant of a file placed behind a switch, `stryMutAct_…(id) ? mutated : original`) in a
 * sandbox copy of the repository, and the `buildCommand` (buildSandbox.mjs) compiles that copy once with
 * tsc (mutation/tsconfig.json: the folders the lockstep needs, no declarations or source maps). Then, for
 * each mutant, the command runner starts `node mutation/suiteAtBudget.mjs` in the sandbox with
 * `__STRYKER_ACTIVE_MUTANT__` set to the mutant's id; the instrumented code reads it when it loads and
 * takes that mutant's branch. One build for every mutant: no per-mutant compile, no source rewrite.
 * Instrumenting the sources, not `dist/`, keeps every mutant's location in the TypeScript a reader triages
 * (`dist/` has no mapping Stryker would use). A new process per mutant costs ~0.3 s of Node start-up and
 * module loading, small next to the suite itself, and no state leaks from one mutant to the next.
 *
 * The test is the CI suite's lockstep at a budget (suiteAtBudget.mjs): the examples, the regressions,
 * then PYMEM_MUTATION_RUNS programs of each CI property from the CI seed, exiting 1 at the first
 * divergence or crash. The command runner knows no coverage (`coverageAnalysis` is off: every mutant is
 * run, none is "no coverage") and has no tests to bail on (`disableBail` does not apply: the script
 * itself stops at the first failure).
 *
 * Timeouts: a mutant that makes a loop endless is stopped after timeoutFactor × the unmutated run plus
 * timeoutMS and counted as detected (Stryker's rule). The unmutated run is measured once, at the start;
 * the margin is wide because the machine is shared and one run may be slowed by others.
 *
 * Not used: `checkers: ['typescript']` (a type-check per mutant; a mutant that does not type-check is
 * still a defect the suite should catch when it runs, and the sandbox build ignores types:
 * `disableTypeChecks`); `incremental` (the command runner reports no per-test results to reuse);
 * `ignoreStatic` (needs per-test coverage).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutantsInScope, mutateRange, sampleOf, ROOT, SCOPE } from './mutants.mjs';
import { CONCURRENCY, SAMPLE_SEED, SAMPLE_SIZE, TIMEOUT_FACTOR, TIMEOUT_MS } from './settings.mjs';

const full = process.env.PYMEM_MUTATION_MODE === 'full';
process.env.PYMEM_MUTATION_ROOT = ROOT; // for buildSandbox.mjs, in the sandbox
const reports = join(ROOT, 'reports', 'mutation');
mkdirSync(reports, { recursive: true });

let mutate = SCOPE;
if (!full) {
  const { mutants: all, ignored } = await mutantsInScope();
  const sample = sampleOf(all);
  const sampleFile = join(reports, 'sample.json');
  writeFileSync(sampleFile, JSON.stringify({ seed: SAMPLE_SEED, size: SAMPLE_SIZE, inScope: all.length, ignoredInScope: ignored, mutants: sample }, null, 1) + '\n');
  process.env.PYMEM_MUTATION_SAMPLE = sampleFile; // read by the pymem-sample checker, in Stryker's child processes
  mutate = sample.map(mutateRange);
}

export default {
  $schema: '../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  packageManager: 'npm',
  testRunner: 'command',
  commandRunner: { command: 'node mutation/suiteAtBudget.mjs' },
  buildCommand: 'node mutation/buildSandbox.mjs',
  symlinkNodeModules: false, // buildSandbox.mjs links it, before tsc needs it
  coverageAnalysis: 'off',
  mutate,
  disableTypeChecks: 'impl/**/*.ts',
  // The sandbox holds only what the build and the test read; node_modules is linked, not copied.
  ignorePatterns: ['/*', '!/package.json', '!/tsconfig.json', '!/language', '!/io', '!/contract', '!/model', '!/impl', '!/properties', '!/examples', '!/mutation'],
  plugins: ['./mutation/plugins.mjs'],
  ignorers: ['pymem-counters'],
  checkers: full ? [] : ['pymem-sample'],
  concurrency: CONCURRENCY,
  timeoutMS: TIMEOUT_MS,
  timeoutFactor: TIMEOUT_FACTOR,
  reporters: ['json', 'html', 'clear-text', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  // PYMEM_MUTATION_KEEP_SANDBOX=1 keeps the instrumented sandbox, to replay a mutant by its id (README, Triage).
  cleanTempDir: !process.env.PYMEM_MUTATION_KEEP_SANDBOX,
};
