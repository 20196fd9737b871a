/*
 * The mutation score of the last run (`node mutation/score.mjs`; `npm run mutation` ends with it).
 *
 * Reads Stryker's JSON report (reports/mutation/mutation.json), the run's record (run.json: mode, commit,
 * times and load, written by runMutation.mjs), the per-mutant log of the test (runs.jsonl,
 * suiteAtBudget.mjs) and the equivalent mutants (mutation/equivalent.json). Prints killed, timed out,
 * survived, no coverage, equivalent (excluded), ignored and the rest; the score; every survivor (file:line,
 * mutator, replacement); the time per mutant. Writes that run's entry of mutation/summary.json, which the
 * README and `pymem bench --only mutation` read (one entry per mode: `sample`, `full`).
 *
 * The score is Stryker's, with the equivalent mutants taken out of its denominator:
 *   (killed + timed out) / (killed + timed out + survived + no coverage − equivalent)
 * An equivalent mutant is one that survived and matches an entry of equivalent.json: the same file,
 * mutator, replacement, replaced source text and source line it starts on (`context`, trimmed) — the
 * entry's line number only breaks ties between identical lines and helps a reader: lines move, their
 * text does not. A listed mutant that was killed is reported (its reason is wrong, or it matched another
 * place).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUTSIDE_THE_SAMPLE } from './plugins.mjs';

const ROOT = join(import.meta.dirname, '..');
const REPORTS = join(ROOT, 'reports', 'mutation');
export const EQUIVALENT_FILE = join(ROOT, 'mutation', 'equivalent.json');
export const SUMMARY_FILE = join(ROOT, 'mutation', 'summary.json');
export const TARGET = 0.9;

const readJson = (file, fallback) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : fallback);

/** The source a report mutant replaces (the report's lines and columns are 1-based). */
function replacedText(lines, { start, end }) {
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join('\n');
}

/** The report's mutants, flattened, each with its file, the text it replaces and the (trimmed) line it starts on. */
function reportMutants(report) {
  return Object.entries(report.files).flatMap(([file, { source, mutants }]) => {
    const lines = source.split('\n');
    return mutants.map((m) => ({ ...m, file, original: replacedText(lines, m.location), context: lines[m.location.start.line - 1].trim() }));
  });
}

/** Matches each entry of the equivalent list to at most one report mutant: same file, mutator, replacement, text and line text; nearest line. */
function matchEquivalents(mutants, equivalents) {
  const byMutant = new Map();
  for (const entry of equivalents) {
    const candidates = mutants.filter(
      (m) => m.file === entry.file && m.mutatorName === entry.mutator && m.replacement === entry.replacement && m.original === entry.original &&
        m.context === entry.context && !byMutant.has(m),
    );
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => Math.abs(a.location.start.line - entry.line) - Math.abs(b.location.start.line - entry.line));
    byMutant.set(candidates[0], entry);
  }
  return byMutant;
}

const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
const seconds = (ms) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(1)} s`);

export function score({ report = readJson(join(REPORTS, 'mutation.json')), run = readJson(join(REPORTS, 'run.json'), {}), log = readLog(), equivalents = readJson(EQUIVALENT_FILE, []) } = {}) {
  const all = reportMutants(report);
  // A sampled run's report also holds the mutants nested in the sampled ranges: those the sample checker
  // turned away, and the counter bumps the ignorer set aside (counted over the whole scope instead).
  const sampled = run.mode === 'sample';
  const inRun = all.filter((m) => !(m.status === 'CompileError' && m.statusReason === OUTSIDE_THE_SAMPLE) && !(sampled && m.status === 'Ignored'));
  const equivalentOf = matchEquivalents(inRun, equivalents);
  const count = (status) => inRun.filter((m) => m.status === status).length;
  const survivors = inRun.filter((m) => m.status === 'Survived' && !equivalentOf.has(m));
  const equivalent = inRun.filter((m) => m.status === 'Survived' && equivalentOf.has(m));
  const wronglyListed = inRun.filter((m) => equivalentOf.has(m) && m.status !== 'Survived');
  const counts = {
    killed: count('Killed'),
    timedOut: count('Timeout'),
    survived: survivors.length,
    noCoverage: count('NoCoverage'),
    equivalent: equivalent.length,
    ignored: sampled ? (run.sample?.ignoredInScope ?? 0) : count('Ignored'),
    errors: count('RuntimeError') + count('CompileError'),
  };
  // Of the killed, those the test's watchdog stopped on one program running past HANG_MS (runs.jsonl).
  const hangs = new Set(log.filter((l) => l.outcome === 'hang').map((l) => l.mutant));
  counts.hangs = inRun.filter((m) => m.status === 'Killed' && hangs.has(m.id)).length;
  const detected = counts.killed + counts.timedOut;
  const tested = inRun.filter((m) => ['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(m.status)).length;
  const mutantRuns = log.filter((l) => l.mutant !== null);
  const times = mutantRuns.map((l) => l.ms);
  const where = (m) => ({ file: m.file, line: m.location.start.line, mutator: m.mutatorName, replacement: m.replacement, original: m.original, context: m.context });
  return {
    mode: run.mode ?? 'unknown',
    commit: run.commit ?? 'unknown',
    dirty: run.dirty ?? false,
    date: run.finished ?? new Date().toISOString(),
    sample: run.sample,
    runsPerProperty: run.runsPerProperty,
    counts,
    score: detected / (detected + counts.survived + counts.noCoverage),
    target: TARGET,
    survivors: survivors.map(where),
    equivalentMatched: equivalent.length,
    wronglyListedAsEquivalent: wronglyListed.map((m) => ({ ...where(m), status: m.status })),
    time: {
      testedMutants: tested,
      wallMinutes: run.wallSeconds === undefined ? undefined : +(run.wallSeconds / 60).toFixed(1),
      wallSecondsPerMutant: run.wallSeconds === undefined || tested === 0 ? undefined : +(run.wallSeconds / tested).toFixed(2),
      concurrency: run.concurrency,
      meanMs: Math.round(mean(times)),
      medianMs: Math.round(median(times)),
      killedMeanMs: Math.round(mean(mutantRuns.filter((l) => l.outcome !== 'pass').map((l) => l.ms))),
      survivedMeanMs: Math.round(mean(mutantRuns.filter((l) => l.outcome === 'pass').map((l) => l.ms))),
      unmutatedMs: log.find((l) => l.mutant === null)?.ms,
      timeoutMs: run.timeoutMs,
    },
    load: run.load,
    loadDuring: run.loadDuring,
  };
}

function readLog(file = join(REPORTS, 'runs.jsonl')) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

export function formatScore(s) {
  const c = s.counts;
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const scope = s.sample ? `a fixed sample of ${s.sample.size} of the ${s.sample.inScope} mutants in scope (seed ${s.sample.seed})` : 'every mutant in scope';
  const lines = [
    `mutation score of impl/ (${s.mode}: ${scope}; ${s.runsPerProperty ?? '?'} programs per CI property; commit ${s.commit}${s.dirty ? ', with uncommitted changes' : ''}; ${s.date})`,
    `  killed ${c.killed}${c.hangs ? ` (${c.hangs} of them hanging on a program)` : ''}, timed out ${c.timedOut}, survived ${c.survived}, no coverage ${c.noCoverage}; equivalent (excluded) ${c.equivalent}; errors ${c.errors}` +
      `; ignored: ${c.ignored} event-counter mutants${s.sample ? ' in scope, none sampled' : ''}`,
    `  score ${pct(s.score)} = (killed + timed out) / (killed + timed out + survived + no coverage), equivalent mutants excluded — target ≥ ${pct(s.target)}: ${s.score >= s.target ? 'met' : 'NOT met'}`,
    `  time per mutant: mean ${seconds(s.time.meanMs)}, median ${seconds(s.time.medianMs)} (killed ${seconds(s.time.killedMeanMs)}, survived ${seconds(s.time.survivedMeanMs)}; the unmutated suite ${seconds(s.time.unmutatedMs ?? NaN)}; a timeout after ${seconds(s.time.timeoutMs ?? NaN)})` +
      (s.time.wallSecondsPerMutant === undefined ? '' : `; the whole run ${s.time.wallMinutes} min at concurrency ${s.time.concurrency}, ${s.time.wallSecondsPerMutant} s per mutant, set-up included`),
    ...(s.load ? [`  load average: ${s.load.map((x) => x.toFixed(1)).join(' → ')} (before → after)` +
      (s.loadDuring ? `, ${s.loadDuring.min.toFixed(1)}–${s.loadDuring.max.toFixed(1)} during (mean ${s.loadDuring.mean}), on ${cpus().length} cores` : '')] : []),
  ];
  if (s.survivors.length > 0) {
    lines.push(`survivors (${s.survivors.length}): triage each into mutation/equivalent.json (with the reason) or close the gap (mutation/README.md)`);
    for (const m of s.survivors) lines.push(`  ${m.file}:${m.line}  ${m.mutator}  ${JSON.stringify(m.original).slice(0, 70)} → ${JSON.stringify(m.replacement).slice(0, 70)}`);
  }
  for (const m of s.wronglyListedAsEquivalent) lines.push(`listed as equivalent but ${m.status}: ${m.file}:${m.line} ${m.mutator} → ${m.replacement} (fix mutation/equivalent.json)`);
  return lines.join('\n') + '\n';
}

/** Writes this run's entry (by mode) of mutation/summary.json, keeping the other mode's. */
export function saveSummary(s) {
  const summary = readJson(SUMMARY_FILE, {});
  summary[s.mode] = s;
  writeFileSync(SUMMARY_FILE, JSON.stringify(summary, null, 2) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const s = score();
  process.stdout.write(formatScore(s));
  if (s.mode === 'sample' || s.mode === 'full') saveSummary(s);
}
