/*
 * Which mutants mutation testing makes, and which of them the sampled run tests.
 *
 * The scope is the implementation under test, `impl/`, less the code that only observes it:
 *   - `impl/debug/` (checkHeap.ts, checkPymalloc.ts) is an oracle of the suite, not the implementation:
 *     the lockstep runner calls it after every statement. A mutant that weakens a check reports nothing on
 *     a correct implementation, exactly as the check does — no test of the correct implementation can tell
 *     them apart; what a check is worth is measured by the planted bugs (plantedBugs/), which break the
 *     implementation and need the check to say so. A mutant that makes a check too strict fails the
 *     lockstep at once; leaving them out loses nothing the score could show.
 *   - the event counters, `impl/runtime/features.ts` and `impl/pymalloc/events.ts`, and every statement that
 *     bumps one (`rt.features[X]++`, `this.events[X]++`, `if (a pure test) rt.features[X]++`, a rule's
 *     boundary counter `atBoundary(rt.features, AT_X, a pure delta)`): they observe
 *     and never decide (as their module comments say); the statistics and campaigns read them, the
 *     lockstep never does. Stryker's `ignorers` plugin below (COUNTER_IGNORER) reports those statements'
 *     mutants as Ignored, with the reason, instead of testing them.
 *   - the write marks, `impl/pymalloc/writeMarks.ts`: only the incremental debug heap check reads them, to
 *     know what to walk again. A mutant of them leaves the implementation correct, so nothing can fail on
 *     it (what a lost mark hides from the incremental check, the next full check finds). The statements
 *     that set a mark (`this.marks.pool(p)`) are bare calls, which no mutator changes.
 *
 * The sample is a fixed, deterministic choice of SAMPLE_SIZE of the mutants in scope: each mutant's key
 * (its file, mutator, replacement, the source text it replaces and which occurrence of that text in the
 * file it is) is hashed with SAMPLE_SEED and the SAMPLE_SIZE smallest hashes are taken. A key names no
 * line number, so an edit elsewhere in a file leaves the rest of its sample as it was; the same tree gives
 * the same sample on every machine.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { SAMPLE_SEED, SAMPLE_SIZE } from './settings.mjs';

export const ROOT = join(import.meta.dirname, '..');

/** Stryker's `mutate` globs for the whole scope. */
export const SCOPE = ['impl/**/*.ts', '!impl/debug/**', '!impl/runtime/features.ts', '!impl/pymalloc/events.ts', '!impl/pymalloc/writeMarks.ts'];
const OUT_OF_SCOPE = (file) => file.startsWith('impl/debug/') || ['impl/runtime/features.ts', 'impl/pymalloc/events.ts', 'impl/pymalloc/writeMarks.ts'].includes(file);

export const COUNTER_REASON = 'an event counter: observes, never decides (impl/runtime/features.ts, impl/pymalloc/events.ts)';

/** `rt.features[X]`, `this.rt.features[X]`, `this.events[X]`, `this.pools.events[X]`. */
function isCounterCell(node) {
  if (node?.type !== 'MemberExpression' || !node.computed) return false;
  const counters = node.object;
  const name = counters.type === 'Identifier' ? counters.name : counters.type === 'MemberExpression' && !counters.computed ? counters.property.name : undefined;
  return name === 'features' || name === 'events';
}

/** The counters of a rule's boundary: `atBoundary(rt.features, AT_X, delta)`, `eventAtBoundary(this.events, AT_X, delta)`. */
const BOUNDARY_COUNTERS = new Set(['atBoundary', 'eventAtBoundary']);

/**
 * `counter++` or `counter += n` as a statement, or a boundary counter called on the counters with
 * arguments that only read.
 */
function isCounterBump(node) {
  if (node?.type !== 'ExpressionStatement') return false;
  const e = node.expression;
  if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && BOUNDARY_COUNTERS.has(e.callee.name)) {
    const [counters, ...rest] = e.arguments;
    const name = counters?.type === 'Identifier' ? counters.name : counters?.type === 'MemberExpression' && !counters.computed ? counters.property.name : undefined;
    return (name === 'features' || name === 'events') && isPure(rest);
  }
  return (e.type === 'UpdateExpression' && isCounterCell(e.argument)) || (e.type === 'AssignmentExpression' && e.operator === '+=' && isCounterCell(e.left));
}

/** Reads only: no call, no assignment, no update anywhere in the expression. */
function isPure(node) {
  if (node === null || typeof node !== 'object') return true;
  if (Array.isArray(node)) return node.every(isPure);
  if (['CallExpression', 'NewExpression', 'AssignmentExpression', 'UpdateExpression'].includes(node.type)) return false;
  return Object.entries(node).every(([k, v]) => k === 'loc' || k === 'start' || k === 'end' || isPure(v));
}

/** Stryker's Ignorer: a counter bump, or an `if` without `else` whose test only reads and whose body only bumps counters. */
export const COUNTER_IGNORER = {
  shouldIgnore(path) {
    const node = path.node;
    if (isCounterBump(node)) return COUNTER_REASON;
    if (node.type === 'IfStatement' && node.alternate === null && isPure(node.test)) {
      const body = node.consequent.type === 'BlockStatement' ? node.consequent.body : [node.consequent];
      if (body.length > 0 && body.every(isCounterBump)) return COUNTER_REASON;
    }
    return undefined;
  },
};

/** Every `.ts` file in scope, relative to the repository, sorted. */
export function scopeFiles() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !OUT_OF_SCOPE(path)) out.push(path);
    }
  };
  walk('impl');
  return out;
}

const quiet = { debug() {}, info() {}, trace() {}, warn: console.warn, error: console.error, fatal: console.error, isDebugEnabled: () => false, isTraceEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => true, isErrorEnabled: () => true, isFatalEnabled: () => true };

/**
 * Every mutant in scope as Stryker's instrumenter makes them (the same mutators, the same ignorer), in
 * source order: `{ file, mutatorName, replacement, location }` with 0-based lines and columns, as Stryker's
 * checkers see them; and how many the counter ignorer set aside (not in `mutants`).
 */
export async function mutantsInScope() {
  const files = scopeFiles().map((file) => ({ name: file, mutate: true, content: readFileSync(join(ROOT, file), 'utf8') }));
  const { mutants } = await new Instrumenter(quiet).instrument(files, { plugins: null, excludedMutations: [], ignorers: [COUNTER_IGNORER] });
  const tested = mutants.filter((m) => m.status !== 'Ignored');
  return {
    mutants: tested.map((m) => ({ file: relative(ROOT, join(ROOT, m.fileName)), mutatorName: m.mutatorName, replacement: m.replacement, location: m.location })),
    ignored: mutants.length - tested.length,
  };
}

/** The source text a mutant replaces (0-based location). */
export function originalText(lines, { start, end }) {
  if (start.line === end.line) return lines[start.line].slice(start.column, end.column);
  return [lines[start.line].slice(start.column), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.column)].join('\n');
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The fixed sample: SAMPLE_SIZE mutants chosen by the seeded hash of their keys, in source order. */
export function sampleOf(mutants, size = SAMPLE_SIZE, seed = SAMPLE_SEED) {
  const lines = new Map();
  const seen = new Map();
  const keyed = mutants.map((m, index) => {
    if (!lines.has(m.file)) lines.set(m.file, readFileSync(join(ROOT, m.file), 'utf8').split('\n'));
    const base = `${m.file}|${m.mutatorName}|${m.replacement}|${originalText(lines.get(m.file), m.location)}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return { m, index, h: hash(`${seed}|${base}|${occurrence}`) };
  });
  return keyed.sort((a, b) => a.h - b.h || a.index - b.index).slice(0, size).sort((a, b) => a.index - b.index).map((k) => k.m);
}

/** Stryker's `mutate` entry for exactly one mutant's range (1-based line, 0-based column, inclusive). */
export function mutateRange({ file, location: { start, end } }) {
  return `${file}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`;
}

/** The identity of a mutant as Stryker's checker and our sample file both write it. */
export function sampleKey(file, mutatorName, replacement, location) {
  return `${file}|${location.start.line}:${location.start.column}-${location.end.line}:${location.end.column}|${mutatorName}|${replacement}`;
}
