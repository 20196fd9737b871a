/*
 * Where the model and the implementation disagree after one statement: each trace field (docs/trace.md)
 * that differs, and per object the refcount, generation and finalized flag — or that one side no longer
 * has it. What `pymem replay` prints under the failing step. Only the fields the check's level compares
 * (ComparedFields): at refcount, an engine with no gc.get_count() differs from the model on every step,
 * and naming that would point away from the real divergence.
 */
import { EVERY_FIELD, type ComparedFields } from '../../contract/declaration.js';
import type { ObjectSnapshot, TraceLine } from '../../contract/trace.js';

export interface FieldDifference {
  field: string;
  model: string;
  implementation: string;
}

const show = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? `[${v.join(', ')}]` : JSON.stringify(v));

export function traceDifferences(model: TraceLine, implementation: TraceLine, compared: ComparedFields = EVERY_FIELD): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const field of ['freed', 'finalized', 'callbacks', 'collections', 'count'] as const) {
    if (field === 'count' && !compared.count) continue;
    const m = show(model[field]);
    const i = show(implementation[field]);
    if (m !== i) out.push({ field, model: m, implementation: i });
  }
  if (model.objects && implementation.objects) out.push(...objectDifferences(model.objects, implementation.objects, compared));
  return out;
}

function objectDifferences(model: ObjectSnapshot[], implementation: ObjectSnapshot[], compared: ComparedFields): FieldDifference[] {
  const out: FieldDifference[] = [];
  const impl = new Map(implementation.map((o) => [o.id, o]));
  for (const m of model) {
    const i = impl.get(m.id);
    const name = `${m.type} ${m.id}`;
    if (!i) {
      out.push({ field: name, model: 'alive', implementation: 'freed' });
      continue;
    }
    for (const key of ['refcount', 'gen', 'finalized'] as const) {
      if (key !== 'finalized' && !compared[key]) continue;
      if (m[key] !== i[key]) out.push({ field: `${name} ${key}`, model: String(m[key]), implementation: String(i[key]) });
    }
    impl.delete(m.id);
  }
  for (const i of impl.values()) out.push({ field: `${i.type} ${i.id}`, model: 'freed', implementation: 'alive' });
  return out;
}

export function formatDifferences(differences: FieldDifference[]): string[] {
  if (differences.length === 0) return ['  (the trace lines agree; the failure is in the allocator or the heap check)'];
  const width = Math.max(5, ...differences.map((d) => d.field.length));
  const modelWidth = Math.max(5, ...differences.map((d) => d.model.length));
  return [
    `  ${'field'.padEnd(width)}  ${'model'.padEnd(modelWidth)}  implementation`,
    ...differences.map((d) => `  ${d.field.padEnd(width)}  ${d.model.padEnd(modelWidth)}  ${d.implementation}`),
  ];
}
