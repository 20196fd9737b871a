/*
 * The comparison rules: CPython's observation (observation.ts) against the implementation's trace
 * (contract/trace.ts, with snapshots), statement by statement. Every difference is a Disagreement that
 * names the field, the step, the line and both values; what the driver cannot observe is skipped
 * and the step says so (`skipped`), never guessed. The rules, in order (a wrong collection explains
 * the wrong deaths that follow from it):
 *
 *   line         the statement's source line (the two sides ran the same statement)
 *   created      the id and type of the object the statement allocated (ids are creation order;
 *                `weakref.ref(x)` reusing the callback-less weakref allocates nothing)
 *   collections  every collection: generation, collected, uncollectable (several in one statement:
 *                compared per generation)
 *   freed        restricted to Obj/Fin/Lazarus ids: lists, dicts, tuples, bytes and weakrefs take no
 *                weak reference, so CPython's deaths of those are not observable
 *   finalized, callbacks   exact sets (the engine's ids sorted first)
 *   count        when the driver vouches for it (`count_exact`), otherwise skipped with its reason
 *   pending      from 3.12: whether an automatic collection is scheduled and has not run yet
 *                (collections, count and pending only for an engine held to cpython: `compared.count`)
 *   tracedLines  while tracemalloc traces: per program line, the bytes and blocks still allocated
 *                (`take_snapshot().statistics('lineno')`, the driver's traces.py)
 *   object N.*   for every object reachable from the roots in CPython: it is alive in pymem, with the
 *                same type, generation (null when untracked), finalized flag, refcount and
 *                `sys.getsizeof` — a plug-in's generations and refcounts only when its declaration
 *                says it observes them, and its sizes only when it reports them (`compared`)
 *   error        CPython raised where pymem ran on (pymem accepted a program CPython rejects)
 */
import type { Program } from '../language/ast.js';
import { printStatement } from '../language/print.js';
import type { CollectionRecord, ObjectSnapshot, TraceLine } from '../contract/trace.js';
import { EVERY_FIELD, type ComparedFields } from '../contract/declaration.js';
import type { Observation, ObservedCollection, ObservedStep } from './observation.js';

export interface Disagreement {
  step: number;
  line: number;
  statement: string;
  field: string;
  cpython: unknown;
  pymem: unknown;
}

export interface StepComparison {
  step: number;
  line: number;
  statement: string;
  disagreements: Disagreement[];
  /** What could not be compared at this step, and why. */
  skipped: string[];
}

const INSTANCE_TYPES = new Set(['Obj', 'Fin', 'Lazarus']);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const ascending = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

/** Collections per generation when CPython merged several into one statement, else as they are. */
function comparableCollections(cs: ObservedCollection[] | CollectionRecord[], merge: boolean): unknown {
  const plain = cs.map((c) => ({ generation: c.generation, collected: c.collected, uncollectable: c.uncollectable }));
  if (!merge) return plain;
  const byGeneration = new Map<number, { generation: number; collections: number; collected: number; uncollectable: number }>();
  for (const c of plain) {
    const g = byGeneration.get(c.generation) ?? { generation: c.generation, collections: 0, collected: 0, uncollectable: 0 };
    g.collections += 1;
    g.collected += c.collected;
    g.uncollectable += c.uncollectable;
    byGeneration.set(c.generation, g);
  }
  return [...byGeneration.values()].sort((a, b) => a.generation - b.generation);
}

/** `merged: N` says how many collections of that generation CPython ran. */
function observedCollections(o: ObservedStep): unknown {
  const merge = o.collections.some((c) => c.merged !== undefined);
  if (!merge) return comparableCollections(o.collections, false);
  return o.collections.map((c) => ({ generation: c.generation, collections: c.merged ?? 1, collected: c.collected, uncollectable: c.uncollectable }));
}

export function compareObservation(program: Program, observation: Observation, impl: TraceLine[], compared: ComparedFields = EVERY_FIELD): StepComparison[] {
  const instanceIds = new Set<number>();
  let implMaxId = 0;
  const results: StepComparison[] = [];
  const steps = Math.min(observation.steps.length, impl.length);
  for (let k = 0; k < steps; k++) {
    const o = observation.steps[k];
    const i = impl[k];
    const s = program.statements[k];
    const line = s.loc?.line ?? k + 1;
    const result: StepComparison = { step: k + 1, line, statement: printStatement(s), disagreements: [], skipped: [] };
    const differ = (field: string, cpython: unknown, pymem: unknown) => {
      if (!same(cpython, pymem)) result.disagreements.push({ step: k + 1, line, statement: result.statement, field, cpython, pymem });
    };
    const snapshot = new Map<number, ObjectSnapshot>((i.objects ?? []).map((x) => [x.id, x]));

    differ('line', o.line, line);
    const implNew = [...snapshot.values()].filter((x) => x.id > implMaxId).map((x) => ({ id: x.id, type: x.type }));
    implMaxId = Math.max(implMaxId, ...snapshot.keys());
    differ('created', o.created, implNew[0] ?? null);
    for (const c of [o.created, implNew[0]]) if (c && INSTANCE_TYPES.has(c.type)) instanceIds.add(c.id);

    // Below the cpython level an engine collects on its own schedule (what a collection frees is still
    // compared, in `freed`); the verdict says once that collections were not compared.
    if (compared.count) {
      const merge = o.collections.some((c) => c.merged !== undefined);
      differ('collections', observedCollections(o), comparableCollections(i.collections, merge));
    }
    // Sets (docs/trace.md): the driver reports them ascending, and a plug-in need not.
    differ('freed', o.freed, ascending(i.freed.filter((id) => instanceIds.has(id))));
    differ('finalized', o.finalized, ascending(i.finalized));
    differ('callbacks', o.callbacks, ascending(i.callbacks));
    // Below the cpython level an engine keeps no gc.get_count() and schedules no automatic collection
    // as CPython does; the verdict says once that they were not compared.
    if (compared.count) {
      if (o.count_exact) differ('count', o.count, i.count);
      else result.skipped.push(`count: ${o.count_note ?? 'not vouched for'}`);
      if (o.pending !== undefined) differ('pending', o.pending, i.pending ?? false);
    }

    if (o.traced_lines !== undefined || i.tracedLines !== undefined) differ('tracedLines', o.traced_lines ?? null, i.tracedLines ?? null);

    for (const x of o.objects) {
      const mine = snapshot.get(x.id);
      if (!mine) {
        differ(`object ${x.id}`, `alive (${x.type}, reachable)`, 'freed');
        continue;
      }
      differ(`object ${x.id}.type`, x.type, mine.type);
      if (compared.gen) differ(`object ${x.id}.gen`, x.gen, mine.gen);
      differ(`object ${x.id}.finalized`, x.finalized, mine.finalized);
      if (compared.refcount) differ(`object ${x.id}.refcount`, x.refcount, mine.refcount);
      if (x.size !== undefined && mine.size !== undefined) differ(`object ${x.id}.size`, x.size, mine.size);
    }
    if (o.foreign) result.skipped.push(`isolation: objects not the program's in its generations (${o.foreign.join(', ')}), values may be disturbed`);
    results.push(result);
  }
  if (observation.error !== null || observation.steps.length < impl.length) {
    const k = observation.steps.length;
    const s = program.statements[k];
    const line = s?.loc?.line ?? k + 1;
    results.push({
      step: k + 1, line, statement: s ? printStatement(s) : '', skipped: [],
      disagreements: [{ step: k + 1, line, statement: s ? printStatement(s) : '', field: 'error', cpython: observation.error ?? 'stopped early', pymem: 'ran on' }],
    });
  }
  return results;
}

export const disagreementsOf = (steps: StepComparison[]): Disagreement[] => steps.flatMap((s) => s.disagreements);
