/*
 * The comparison can fail: a trace that differs from CPython's observation in one field is reported
 * as a disagreement naming that field, the step, the line and both values. The observation here is
 * built from the implementation's own trace (so the test needs no python3), then one field is
 * broken at a time; a last test breaks the implementation's side against a real CPython run.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareObservation } from '../../oracle/compare.js';
import { formatGeneratedFailure, formatVerdict } from '../../oracle/format.js';
import type { Observation, ObservedStep } from '../../oracle/observation.js';
import { judge, runImplementation } from '../../oracle/oracle.js';
import { runDriverSync } from '../../oracle/runDriver.js';
import type { TraceLine } from '../../contract/trace.js';
import type { CreateEngine } from '../../contract/engine.js';
import { EXAMPLES_DIR, program } from '../helpers/programs.js';
import { python, skipReason } from './pythonSkip.js';

const TEXT = [
  'a = Fin()', //                         1
  'b = Obj()', //                         2
  'a.a = b', //
  'b.a = a', //
  'w = weakref.ref(b, on_clear)', //      3
  'l = [w]', //                           4
  'del a, b', //
  'gc.collect(0)', //                     step 8: frees 1, 2; finalizes 1; calls back 3
].join('\n');

/** What a perfect CPython run would report: the implementation's own trace, in the driver's shape. */
function observationFrom(impl: TraceLine[]): Observation {
  const instances = new Set<number>();
  const seen = new Set<number>();
  const steps: ObservedStep[] = impl.map((t) => {
    const created = (t.objects ?? []).find((o) => !seen.has(o.id)) ?? null;
    for (const o of t.objects ?? []) seen.add(o.id);
    if (created && ['Obj', 'Fin', 'Lazarus'].includes(created.type)) instances.add(created.id);
    return {
      step: t.step, line: t.line, stmt: '', created: created && { id: created.id, type: created.type },
      freed: t.freed.filter((id) => instances.has(id)), finalized: t.finalized, callbacks: t.callbacks,
      collections: t.collections, count: t.count, count_exact: true,
      objects: (t.objects ?? []).map((o) => ({ id: o.id, type: o.type, tracked: o.gen !== null, gen: o.gen, finalized: o.finalized, refcount: o.refcount })),
    };
  });
  return { python: '3.11.7', exact: true, why: '', steps, error: null, notes: [] };
}

describe('the comparison names what disagrees', () => {
  const p = program(TEXT);
  const impl = runImplementation(p, createImplEngine);
  const fresh = () => observationFrom(runImplementation(p, createImplEngine));
  const disagreements = (o: Observation) => compareObservation(p, o, impl).flatMap((s) => s.disagreements);

  it('agrees with a faithful observation, and the program does what the test needs', () => {
    expect(disagreements(fresh())).toEqual([]);
    expect(impl[7]).toMatchObject({ freed: [1, 2], finalized: [1], callbacks: [3] });
  });

  const broken: Array<[string, string, (s: ObservedStep) => void]> = [
    ['collections', 'collections', (s) => (s.collections[0].collected = 1)],
    ['freed', 'freed', (s) => (s.freed = [1])],
    ['finalized', 'finalized', (s) => (s.finalized = [])],
    ['callbacks', 'callbacks', (s) => (s.callbacks = [])],
    ['count', 'count', (s) => (s.count = [1, 1, 0])],
    ['a generation', 'object 4.gen', (s) => (s.objects.find((o) => o.id === 4)!.gen = 0)],
    ['a refcount', 'object 3.refcount', (s) => (s.objects.find((o) => o.id === 3)!.refcount = 5)],
    ['an object pymem freed', 'object 2', (s) => s.objects.push({ id: 2, type: 'Obj', tracked: true, gen: 1, finalized: false, refcount: 1 })],
  ];
  for (const [what, field, breakIt] of broken) {
    it(`reports a wrong ${what} as '${field}' at step 8, line 8, with both values`, () => {
      const o = fresh();
      breakIt(o.steps[7]);
      const [d, ...more] = disagreements(o);
      expect(more).toEqual([]);
      expect(d).toMatchObject({ step: 8, line: 8, statement: 'gc.collect(0)', field });
      expect(JSON.stringify(d.cpython)).not.toEqual(JSON.stringify(d.pymem));
    });
  }

  it('reports a wrong id as created, and a CPython error as error', () => {
    const o = fresh();
    o.steps[4].created = null;
    expect(disagreements(o).map((d) => [d.step, d.field])).toEqual([[5, 'created']]);
    const stopped = fresh();
    stopped.steps = stopped.steps.slice(0, 3);
    stopped.error = 'AttributeError: a';
    expect(disagreements(stopped).map((d) => [d.step, d.field, d.cpython])).toEqual([[4, 'error', 'AttributeError: a']]);
  });

  it('skips a count the driver does not vouch for, and says why', () => {
    const o = fresh();
    o.steps[7].count = [9, 9, 9];
    o.steps[7].count_exact = false;
    o.steps[7].count_note = 'a tuple literal of length 4 and a ClearWeakRefs tuple of that length';
    const steps = compareObservation(p, o, impl);
    expect(steps[7].disagreements).toEqual([]);
    expect(steps[7].skipped).toEqual(['count: a tuple literal of length 4 and a ClearWeakRefs tuple of that length']);
  });
});

describe('a wrong implementation trace against real CPython', () => {
  if (!python) {
    it.skip(skipReason, () => {});
    return;
  }
  it('is reported field by field', () => {
    const file = join(EXAMPLES_DIR, 'instance_two_cycle_collected_as_two.py');
    const text = readFileSync(file, 'utf8');
    const p = program(text);
    const observed = runDriverSync(text, python!.executable);
    expect(judge(p, observed, createImplEngine)).toMatchObject({ ok: true, disagreements: [] });
    if (!observed.ok) return;
    const wrong = runImplementation(p, createImplEngine);
    const last = wrong[wrong.length - 1];
    last.collections = [{ generation: 0, collected: 0, uncollectable: 0 }];
    last.count = [5, 5, 5];
    const fields = compareObservation(p, observed.observation, wrong).flatMap((s) => s.disagreements).map((d) => d.field);
    expect(fields).toEqual(['collections', 'count']);
  });
});

describe('a disagreeing generated program is printed with its first disagreement', () => {
  it('shows the program as Python and names the field, step, line and both values', () => {
    const p = program(TEXT);
    const o = observationFrom(runImplementation(p, createImplEngine));
    o.steps[7].callbacks = [];
    const result = judge(p, { ok: true, observation: o }, createImplEngine);
    const text = formatGeneratedFailure({ index: 17, program: p, text: TEXT + '\n', result });
    expect(text).toContain('program 17 disagrees: step 8, line 8 (gc.collect(0)): callbacks: CPython [], pymem [3]');
    expect(text).toContain('    w = weakref.ref(b, on_clear)\n');
  });
});

describe('a plug-in is compared on what it declares and reports', () => {
  /** pymem's implementation dressed as a refcount-level plug-in: no generations, sizes or count, deaths in its own order. */
  const refcountPlugin: CreateEngine = Object.assign(
    (p: Parameters<CreateEngine>[0], hooks: Parameters<CreateEngine>[1]) => {
      const inner = createImplEngine(p, hooks);
      return {
        execute: (statement: Parameters<typeof inner.execute>[0], options?: Parameters<typeof inner.execute>[1]) => {
          const line = inner.execute(statement, options);
          return {
            ...line, count: [0, 0, 0] as [number, number, number], freed: [...line.freed].reverse(), finalized: [...line.finalized].reverse(),
            objects: line.objects?.map(({ addr: _addr, size: _size, ...o }) => ({ ...o, gen: 2 as const })),
          };
        },
      };
    },
    { pymem: { contract: 'refcount' as const, observes: ['objects' as const, 'refcounts' as const] } },
  );

  it('leaves out generations, sizes and gc.get_count(), says so in the verdict, and compares deaths as sets', () => {
    const p = program(TEXT);
    const o = observationFrom(runImplementation(p, createImplEngine));
    const result = judge(p, { ok: true, observation: o }, refcountPlugin);
    expect(result).toMatchObject({
      ok: true, disagreements: [],
      notReported: ["gc.get_count(), pending collections and each collection's generation and counts (the plug-in declares refcount)", 'generations', 'sizes'],
    });
    expect(formatVerdict(result, p.statements.length)).toContain('not reported by the engine, so not compared: gc.get_count()');
    // Its own collection schedule is its business: another generation collected is no disagreement.
    const otherSchedule = structuredClone(o);
    for (const step of otherSchedule.steps) for (const c of step.collections) c.generation = c.generation === 2 ? 1 : 2;
    expect(otherSchedule.steps.some((step) => step.collections.length > 0)).toBe(true);
    expect(judge(p, { ok: true, observation: otherSchedule }, refcountPlugin)).toMatchObject({ ok: true, disagreements: [] });
    expect(judge(p, { ok: true, observation: otherSchedule }, createImplEngine)).toMatchObject({ ok: true, disagreements: [expect.objectContaining({ field: 'collections' })] });
    // What it does report is still compared.
    o.steps[7].finalized = [];
    const wrong = judge(p, { ok: true, observation: o }, refcountPlugin);
    expect(wrong.ok && wrong.disagreements.map((d) => d.field)).toEqual(['finalized']);
  });
});
