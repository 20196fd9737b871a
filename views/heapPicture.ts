/*
 * The heap at one step, as data for a picture (heapDot.ts, laid out by graphvizSvg.ts): every object the model holds,
 * grouped by generation, with the references between them (weak references apart), the names and root
 * lists that hold them, and where the implementation disagrees — another generation, another
 * refcount, already freed, or still alive where the model freed it. The objects the failed invariant
 * names are highlighted; for the replay page, the objects the step created or changed are marked and
 * those it freed are kept as ghosts.
 *
 * The graph is the model's (an independent ModelEngine run up to the step): the model is the
 * specification, and the implementation's snapshot says only how it differs.
 */
import { teardownStatements } from '../properties/lockstep/teardown.js';
import type { Program, Statement } from '../language/ast.js';
import { type Heap, type ModelObject, SLOT_ORDER, type Value } from '../model/machine/heap.js';
import { ModelEngine } from '../model/run.js';
import type { ObjectSnapshot, TraceLine } from '../contract/trace.js';
import { EVERY_FIELD, type ComparedFields } from '../contract/declaration.js';

export const GROUPS = ['roots', 'generation 0', 'generation 1', 'generation 2', 'permanent', 'untracked', 'freed by the model', 'freed at this step'] as const;
export type GroupName = (typeof GROUPS)[number];

export interface HeapNode {
  key: string;
  title: string;
  details: string[];
  group: GroupName;
  /** Named by the failed invariant. */
  highlighted: boolean;
  /** The implementation disagrees about this object. */
  differs: boolean;
  /** What the step did to it (replay page): created it, changed its refcount, generation or flag, freed it. */
  change?: 'new' | 'changed' | 'freed';
}

/** What a step did to the objects, by id (stepChanges.ts computes it). */
export interface HeapChanges {
  created: ReadonlySet<number>;
  changed: ReadonlySet<number>;
  freed: ReadonlyArray<{ id: number; type: string }>;
}

export interface HeapEdge {
  from: string;
  to: string;
  label: string;
  weak: boolean;
}

export interface HeapPicture {
  caption: string;
  nodes: HeapNode[];
  edges: HeapEdge[];
}

const objectKey = (id: number) => `o${id}`;

function groupOf(gen: ObjectSnapshot['gen']): GroupName {
  if (gen === null) return 'untracked';
  return gen === 'permanent' ? 'permanent' : (`generation ${gen}` as GroupName);
}

function references(o: ModelObject): Array<{ label: string; value: Value; weak: boolean }> {
  switch (o.type) {
    case 'list':
    case 'tuple':
      return o.items.map((value, i) => ({ label: `[${i}]`, value, weak: false }));
    case 'dict':
      return [...o.entries].map(([k, value]) => ({ label: `['${k}']`, value, weak: false }));
    case 'weakref':
      return [{ label: 'weakref', value: o.referent, weak: true }];
    case 'bytes':
      return [];
    default:
      return SLOT_ORDER.filter((s) => o.slots[s] !== undefined).map((s) => ({ label: `.${s}`, value: o.slots[s]!, weak: false }));
  }
}

/** The model after `step` statements (1-based, counting the teardown's); 0 means after the whole teardown. */
export function modelAfter(program: Program, step: number): ModelEngine {
  // The program's own profile and geometry: a 3.12 finding's heap is the 3.12 model's.
  const engine = new ModelEngine(program);
  let executed = 0;
  const run = (s: Statement) => {
    if (step !== 0 && executed >= step) return false;
    engine.execute(s);
    executed++;
    return true;
  };
  for (const s of program.statements) if (!run(s)) return engine;
  for (let round = 0; round < 6 && (round === 0 || engine.machine.heap.objects.size > 0); round++) {
    for (const s of teardownStatements(round === 0 ? [...engine.machine.heap.names.keys()] : [])) if (!run(s)) return engine;
  }
  return engine;
}

/** The heap after `step` (1-based, teardown statements included; 0: after the teardown). */
export function heapPicture(
  program: Program, step: number, implLine: TraceLine | undefined, highlighted: number[], caption: string, compared: ComparedFields = EVERY_FIELD,
): HeapPicture {
  const engine = modelAfter(program, step);
  return heapPictureOf(engine.machine.heap, engine.snapshot(), implLine?.objects, highlighted, caption, undefined, compared);
}

/**
 * The picture of a model heap as it is now, with its snapshot (`model`), the implementation's snapshot
 * of the same moment (absent: nothing to compare), and optionally what the step changed. A field the
 * check's level does not compare (`compared`) is never drawn as a disagreement.
 */
export function heapPictureOf(
  heap: Heap, modelObjects: ObjectSnapshot[], implObjects: ObjectSnapshot[] | undefined, highlighted: number[], caption: string, changes?: HeapChanges,
  compared: ComparedFields = EVERY_FIELD,
): HeapPicture {
  const model = new Map(modelObjects.map((o) => [o.id, o]));
  const impl = implObjects ? new Map(implObjects.map((o) => [o.id, o])) : null;
  const marked = new Set(highlighted);
  const nodes: HeapNode[] = [];
  const edges: HeapEdge[] = [];
  const changeOf = (id: number): HeapNode['change'] => (changes?.created.has(id) ? 'new' : changes?.changed.has(id) ? 'changed' : undefined);

  for (const [name, binding] of [...heap.names].sort(([a], [b]) => a.localeCompare(b))) {
    if (binding.kind === 'raw') {
      nodes.push({ key: `name:${name}`, title: name, details: [`raw block m${binding.block}`], group: 'roots', highlighted: false, differs: false });
    } else if (binding.value !== null) {
      nodes.push({ key: `name:${name}`, title: name, details: [], group: 'roots', highlighted: false, differs: false });
      edges.push({ from: `name:${name}`, to: objectKey(binding.value), label: '', weak: false });
    }
  }
  for (const [root, ids] of [['revived', heap.revived], ['gc.garbage', heap.garbage]] as const) {
    if (ids.length === 0) continue;
    nodes.push({ key: root, title: root, details: [`${ids.length} item${ids.length === 1 ? '' : 's'}`], group: 'roots', highlighted: false, differs: false });
    ids.forEach((id, i) => edges.push({ from: root, to: objectKey(id), label: `[${i}]`, weak: false }));
  }
  for (const o of [...heap.objects.values()].sort((a, b) => a.id - b.id)) {
    const m = model.get(o.id);
    if (!m) continue;
    const details = [`refcount ${m.refcount}`, ...(m.finalized ? ['finalized'] : [])];
    const i = impl?.get(o.id);
    const differences = !impl ? [] : !i ? ['engine: freed'] : [
      ...(compared.gen && i.gen !== m.gen ? [`engine: ${i.gen === null ? 'untracked' : `gen ${i.gen}`}`] : []),
      ...(compared.refcount && i.refcount !== m.refcount ? [`engine: refcount ${i.refcount}`] : []),
      ...(i.finalized !== m.finalized ? [`engine: ${i.finalized ? '' : 'not '}finalized`] : []),
    ];
    nodes.push({
      key: objectKey(o.id), title: `${o.type} ${o.id}`, details: [...details, ...differences], group: groupOf(m.gen),
      highlighted: marked.has(o.id), differs: differences.length > 0, change: changeOf(o.id),
    });
    for (const r of references(o)) if (r.value !== null && heap.objects.has(r.value)) edges.push({ from: objectKey(o.id), to: objectKey(r.value), label: r.label, weak: r.weak });
  }
  for (const i of impl?.values() ?? []) {
    if (model.has(i.id)) continue;
    nodes.push({
      key: objectKey(i.id), title: `${i.type} ${i.id}`, details: [`engine: refcount ${i.refcount}`, 'the model freed it'],
      group: 'freed by the model', highlighted: marked.has(i.id), differs: true,
    });
  }
  for (const f of changes?.freed ?? []) {
    if (impl?.has(f.id)) continue; // drawn above: the implementation still has it
    nodes.push({ key: objectKey(f.id), title: `${f.type} ${f.id}`, details: ['freed'], group: 'freed at this step', highlighted: marked.has(f.id), differs: false, change: 'freed' });
  }
  return { caption, nodes, edges };
}
