/*
 * The examples (examples/*.py) each pin one rule of CPython's memory management, with an expected
 * trace per version profile (examples/README.md: NAME.trace.jsonl for 3.11, NAME.3.12.trace.jsonl,
 * NAME.3.13.trace.jsonl) derived from the interpreter of that version (tools/observe.py) or from the
 * rules of docs/ — never from pymem.
 *
 * 1. Every example has a well-formed trace per version whose step/line numbers match the program.
 * 2. Under every profile, the model (runModel) and the implementation (runImpl) reproduce the
 *    version's expected trace: step, line, freed, finalized, callbacks, collections, count, and
 *    where the trace has them pending, traced, tracedLines, sizes, gens, pagesWritten.
 * 3. An example that pins a version difference (a `# Versions:` line in its header) has traces that
 *    differ between versions, and each version's trace fails under the profiles whose traces differ
 *    from it (the difference is real, not a relabelling); an example without one has the same trace
 *    under every version (but for `pending`, which only 3.12 on reports).
 * 4. Each installed interpreter (oracle/findInterpreters.ts) agrees with its version's traces, as
 *    far as tools/observe.py can see.
 * 5. The prelude followed by each example is a valid script in each installed interpreter.
 *
 * (4) and (5) are skipped, with the reason in the test name, for a version with no interpreter.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CPYTHON_VERSIONS, type CPythonVersion, withCPython } from '../language/ast.js';
import { loadProgram } from '../language/load.js';
import { runModel } from '../model/run.js';
import { runImpl } from '../impl/engine.js';
import { PRELUDE } from '../language/prelude.js';
import { findInterpreters } from '../oracle/findInterpreters.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = join(root, 'examples');

const FIELDS = ['step', 'line', 'freed', 'finalized', 'callbacks', 'collections', 'count'] as const;
const OPTIONAL = ['pending', 'traced', 'tracedLines', 'sizes', 'gens', 'pagesWritten'] as const;
type Line = Record<string, unknown>;

/** The expected trace of `name` under `version` (examples/README.md). */
const traceFile = (name: string, version: CPythonVersion) =>
  join(examplesDir, version === '3.11' ? `${name}.trace.jsonl` : `${name}.${version}.trace.jsonl`);

interface Example {
  name: string;
  file: string;
  text: string;
  pinsVersions: boolean;
  expected: Record<CPythonVersion, Line[]>;
}

const readTrace = (path: string): Line[] =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Line) : [];

function loadExamples(): Example[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.py$/, '');
      const text = readFileSync(join(examplesDir, f), 'utf8');
      const expected = Object.fromEntries(CPYTHON_VERSIONS.map((v) => [v, readTrace(traceFile(name, v))])) as Record<CPythonVersion, Line[]>;
      return { name, file: join(examplesDir, f), text, pinsVersions: /^# Versions:/m.test(text), expected };
    });
}

const examples = loadExamples();

/** 1-based line numbers of the statements: blank lines and `#` comment lines are not statements. */
function statementLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const s = raw.trim();
    if (s !== '' && !s.startsWith('#')) lines.push(i + 1);
  });
  return lines;
}

const show = (v: unknown) => JSON.stringify(v);

/**
 * The compared fields, in a fixed order, so that the vitest diff stays readable: the required ones,
 * and the optional ones the expected line has. `sizes` and `gens` (by id) are compared for the ids the
 * expected line lists (the objects the interpreter could reach from the roots).
 */
function project(actual: Line, like: Line): Line {
  const out: Line = Object.fromEntries(FIELDS.map((f) => [f, actual[f]]));
  for (const f of OPTIONAL) {
    if (!(f in like)) continue;
    if (f === 'sizes' || f === 'gens') {
      const mine = (actual[f] ?? {}) as Record<string, unknown>;
      out[f] = Object.fromEntries(Object.keys(like[f] as object).map((id) => [id, mine[id]]));
    } else out[f] = actual[f];
  }
  return out;
}

/** The snapshot's sizes and generations as the expected traces write them: `{ "id": value }`. */
function withObjects(line: Line): Line {
  const objects = line.objects as Array<{ id: number; size: number; gen: unknown }> | undefined;
  if (!objects) return line;
  return {
    ...line,
    sizes: Object.fromEntries(objects.map((o) => [String(o.id), o.size])),
    gens: Object.fromEntries(objects.map((o) => [String(o.id), o.gen])),
  };
}

/** A readable diff: one line per differing field of each step. */
function traceDiff(text: string, expected: Line[], actual: Line[]): string[] {
  const src = text.split('\n');
  const out: string[] = [];
  if (actual.length !== expected.length) out.push(`expected ${expected.length} trace lines, got ${actual.length}`);
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    const e = expected[i];
    const a = project(actual[i], e);
    for (const f of Object.keys(a)) {
      if (show(a[f]) !== show(e[f])) {
        const line = typeof e.line === 'number' ? e.line : 0;
        out.push(`step ${e.step} (line ${line}: ${(src[line - 1] ?? '').trim()}): ${f} expected ${show(e[f])}, got ${show(a[f])}`);
      }
    }
  }
  return out;
}

function programOf(ex: Example, version: CPythonVersion) {
  const loaded = loadProgram(ex.text, relative(root, ex.file));
  if (!loaded.ok) throw new Error(`${ex.name}.py does not load:\n${loaded.messages.join('\n')}`);
  return withCPython(loaded.program, version);
}

const ENGINES = {
  model: (ex: Example, v: CPythonVersion) => runModel(programOf(ex, v), { snapshot: true }) as unknown as Line[],
  implementation: (ex: Example, v: CPythonVersion) => runImpl(programOf(ex, v), { snapshot: true }) as unknown as Line[],
};

/** The expected trace without `pending` (which only a scheduled profile reports). */
const withoutPending = (trace: Line[]) => trace.map(({ pending: _, ...rest }) => rest);
const sameTrace = (a: Line[], b: Line[]) => show(withoutPending(a)) === show(withoutPending(b));

describe('examples: expected traces are well-formed', () => {
  it('there are at least 40 examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(40);
  });

  for (const ex of examples) {
    it(`${ex.name}: a trace per version, one line per statement, steps and lines match the program`, () => {
      const lines = statementLines(ex.text);
      for (const v of CPYTHON_VERSIONS) {
        const trace = ex.expected[v];
        expect(trace.length, `${ex.name}: no expected trace for ${v} (${relative(root, traceFile(ex.name, v))})`).toBeGreaterThan(0);
        expect(trace.map((e) => e.step)).toEqual(lines.map((_, i) => i + 1));
        expect(trace.map((e) => e.line)).toEqual(lines);
        for (const e of trace) {
          for (const f of FIELDS) expect(e, `${v} step ${e.step} lacks ${f}`).toHaveProperty(f);
          for (const f of ['freed', 'finalized', 'callbacks'] as const) {
            const ids = e[f] as number[];
            expect([...ids].sort((x, y) => x - y), `${v} step ${e.step}: ${f} must be ascending`).toEqual(ids);
          }
        }
      }
    });
  }
});

for (const [engine, run] of Object.entries(ENGINES)) {
  describe(`examples: the ${engine} reproduces each version's expected trace`, () => {
    for (const ex of examples) {
      for (const v of CPYTHON_VERSIONS) {
        it(`${ex.name} under ${v}`, () => {
          const expected = ex.expected[v];
          const actual = run(ex, v).map(withObjects);
          expect(
            actual.map((a, i) => project(a, expected[i] ?? {})),
            `${ex.name}: the ${engine}'s ${v} trace differs from ${relative(root, traceFile(ex.name, v))}:\n${traceDiff(ex.text, expected, actual).join('\n')}`,
          ).toEqual(expected.map((e) => project(e, e)));
        });
      }
    }
  });
}

describe('examples: a version difference is real', () => {
  for (const ex of examples) {
    const differing = CPYTHON_VERSIONS.flatMap((v) => CPYTHON_VERSIONS.filter((w) => w !== v && !sameTrace(ex.expected[v], ex.expected[w])).map((w) => [v, w] as const));
    if (!ex.pinsVersions) {
      it(`${ex.name}: the same trace under every version (no '# Versions:' line)`, () => {
        expect(differing.map(([v, w]) => `${v} vs ${w}`)).toEqual([]);
      });
      continue;
    }
    it(`${ex.name}: its traces differ between versions, and each fails under a profile whose trace differs`, () => {
      expect(differing.length, `${ex.name} has a '# Versions:' line but the same trace under every version`).toBeGreaterThan(0);
      for (const [v, w] of differing) {
        const underW = ENGINES.model(ex, w).map(withObjects);
        const expectedV = ex.expected[v];
        expect(show(underW.map((a, i) => project(a, expectedV[i] ?? {}))), `${ex.name}: the ${w} profile reproduces the ${v} trace`)
          .not.toBe(show(expectedV.map((e) => project(e, e))));
      }
    });
  }
});

const interpreters = findInterpreters();

for (const v of CPYTHON_VERSIONS) {
  const python = interpreters.get(v);
  describe(`examples: CPython ${v} agrees with each ${v} trace (tools/observe.py --compare)`, () => {
    // What the observer can see: finalized, callbacks, collections, count (exact mode), every death
    // (read from memory), pending, sizes, generations and traced lines; not traced (current, peak)
    // nor the pages a fork writes, which were worked by hand.
    if (!python) {
      it.skip(`skipped: no CPython ${v} installed (PATH, pyenv or PYMEM_PYTHONS)`, () => {});
      return;
    }
    for (const ex of examples) {
      it(`${ex.name} matches ${python.executable} (${python.version})`, () => {
        const r = spawnSync(python.executable, [join(root, 'tools', 'observe.py'), ex.file, '--compare', traceFile(ex.name, v)], {
          encoding: 'utf8', timeout: 120_000,
        });
        expect(r.status, `tools/observe.py --compare for ${ex.name} in ${python.version}:\n${r.stderr}`).toBe(0);
      });
    }
  });

  describe(`examples: prelude + program is a valid Python ${v} script`, () => {
    if (!python) {
      it.skip(`skipped: no CPython ${v} installed (PATH, pyenv or PYMEM_PYTHONS)`, () => {});
      return;
    }
    for (const ex of examples) {
      it(`${ex.name} runs in ${python.version} with exit 0`, () => {
        const r = spawnSync(python.executable, ['-'], { input: `${PRELUDE}\n${ex.text}`, encoding: 'utf8', timeout: 60_000 });
        expect(r.status, `${ex.name}.py under ${python.version}:\n${r.stderr}`).toBe(0);
      });
    }
  });
}
