/*
 * `npm run mutation` (the fixed sample) and `npm run mutation:full` (every mutant in scope): runs Stryker
 * with mutation/stryker.config.mjs, then prints the score (score.mjs) and saves the run's summary.
 *
 * Around Stryker it records what the summary must say to be read later: the mode, the commit measured
 * (and whether the tree had uncommitted changes under the folders the sandbox copies), the start and end,
 * the wall time, the one-minute load average before, after and every 30 s in between (the machine is
 * shared), and the per-mutant log the test appends to (PYMEM_MUTATION_LOG).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { formatScore, saveSummary, score } from './score.mjs';
import { CONCURRENCY, RUNS_PER_PROPERTY, SAMPLE_SEED, SAMPLE_SIZE, TIMEOUT_FACTOR, TIMEOUT_MS } from './settings.mjs';

const ROOT = join(import.meta.dirname, '..');

const mode = process.argv.includes('--full') ? 'full' : 'sample';
const reports = join(ROOT, 'reports', 'mutation');
mkdirSync(reports, { recursive: true });
const logFile = join(reports, 'runs.jsonl');
writeFileSync(logFile, '');

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const commit = git('rev-parse', '--short', 'HEAD');
const dirty = git('status', '--porcelain', '--', 'impl', 'language', 'io', 'contract', 'model', 'properties', 'examples', 'mutation/suiteAtBudget.mjs') !== '';
const started = new Date();
const loadBefore = loadavg()[0];

const loads = [loadBefore];
const sampler = setInterval(() => loads.push(loadavg()[0]), 30_000);
const status = await new Promise((resolve) => {
  const stryker = spawn(process.execPath, [join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', 'mutation/stryker.config.mjs'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PYMEM_MUTATION_MODE: mode, PYMEM_MUTATION_LOG: logFile },
  });
  stryker.on('exit', (code, signal) => resolve(code ?? signal));
});
clearInterval(sampler);
if (status !== 0) {
  console.error(`mutation: Stryker exited with ${status}; no score`);
  process.exit(1);
}
const finished = new Date();
const sample = mode === 'sample' ? JSON.parse(readFileSync(join(reports, 'sample.json'), 'utf8')) : undefined;
const log = readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const unmutatedMs = log.find((l) => l.mutant === null)?.ms ?? 0;
const run = {
  mode,
  commit,
  dirty,
  started: started.toISOString(),
  finished: finished.toISOString(),
  wallSeconds: Math.round((finished - started) / 1000),
  concurrency: CONCURRENCY,
  timeoutMs: Math.round(TIMEOUT_FACTOR * unmutatedMs + TIMEOUT_MS),
  runsPerProperty: RUNS_PER_PROPERTY,
  sample: sample && { size: SAMPLE_SIZE, seed: SAMPLE_SEED, inScope: sample.inScope, ignoredInScope: sample.ignoredInScope },
  load: [loadBefore, loadavg()[0]],
  loadDuring: { min: Math.min(...loads), max: Math.max(...loads), mean: +(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(1) },
};
writeFileSync(join(reports, 'run.json'), JSON.stringify(run, null, 2) + '\n');
const result = score({ run });
process.stdout.write('\n' + formatScore(result));
saveSummary(result);
