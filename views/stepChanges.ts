/*
 * What one step changed, in words, for the replay page's "what changed" list: objects created, freed,
 * finalized, called back; refcounts, generations and flags that moved; collections; `gc.get_count()`;
 * the freelists; and the allocator's calls with the pools and arenas whose state they changed.
 *
 * Each side's changes are computed from its own states (the step before against this one) and then
 * merged: a change both sides made is listed once (`both`), one only the model or only the
 * implementation made is listed under that side — which is where a bug shows.
 */
import type { ObjectSnapshot } from '../contract/trace.js';
import { hex } from '../model/allocator/geometry.js';
import { type AllocatorView, locateBlock } from './allocatorView.js';
import type { HeapChanges } from './heapPicture.js';
import type { AllocatorCall, ImplementationSide, ModelSide, TraceFields } from './replayRecording.js';

export interface StepChange {
  side: 'both' | 'model' | 'implementation' | 'allocator';
  text: string;
}

const generationName = (gen: ObjectSnapshot['gen']) => (gen === null ? 'untracked' : gen === 'permanent' ? 'permanent' : `generation ${gen}`);
const triple = (t: readonly number[]) => `[${t.join(', ')}]`;

/** The objects created, changed (refcount, generation, finalized) and freed between two snapshots. */
export function heapChanges(before: readonly ObjectSnapshot[] | null, after: readonly ObjectSnapshot[], freed: readonly number[]): HeapChanges {
  const previous = new Map((before ?? []).map((o) => [o.id, o]));
  const created = new Set<number>();
  const changed = new Set<number>();
  for (const o of after) {
    const p = previous.get(o.id);
    if (!p) created.add(o.id);
    else if (p.refcount !== o.refcount || p.gen !== o.gen || p.finalized !== o.finalized) changed.add(o.id);
  }
  const alive = new Set(after.map((o) => o.id));
  const gone = freed.filter((id) => !alive.has(id)).map((id) => ({ id, type: previous.get(id)?.type ?? 'object' }));
  return { created, changed, freed: gone };
}

/** One side's changes, as sentences. */
function sideChanges(before: { trace: TraceFields; objects: readonly ObjectSnapshot[] | null } | null, after: { trace: TraceFields; objects: readonly ObjectSnapshot[] | null }): string[] {
  const out: string[] = [];
  const previous = new Map((before?.objects ?? []).map((o) => [o.id, o]));
  const name = (id: number) => `${previous.get(id)?.type ?? after.objects?.find((o) => o.id === id)?.type ?? 'object'} ${id}`;
  const t = after.trace;
  for (const c of t.collections) out.push(`collection of generation ${c.generation}: ${c.collected} collected${c.uncollectable ? `, ${c.uncollectable} uncollectable` : ''}`);
  if (t.finalized.length > 0) out.push(`__del__ ran: ${t.finalized.map(name).join(', ')}`);
  if (t.callbacks.length > 0) out.push(`callbacks ran: ${t.callbacks.map(name).join(', ')}`);
  if (t.freed.length > 0) out.push(`freed: ${t.freed.map(name).join(', ')}`);
  if (after.objects) {
    for (const o of after.objects) {
      const p = previous.get(o.id);
      if (!p) {
        out.push(`created ${o.type} ${o.id} (refcount ${o.refcount}, ${generationName(o.gen)})`);
        continue;
      }
      if (p.refcount !== o.refcount) out.push(`refcount of ${o.type} ${o.id}: ${p.refcount} → ${o.refcount}`);
      if (p.gen !== o.gen) out.push(`${o.type} ${o.id}: ${generationName(p.gen)} → ${generationName(o.gen)}`);
      if (p.finalized !== o.finalized) out.push(`${o.type} ${o.id} ${o.finalized ? 'marked finalized' : 'no longer finalized'}`);
    }
  }
  const countBefore = before?.trace.count ?? [0, 0, 0];
  if (triple(countBefore) !== triple(t.count)) out.push(`gc.get_count(): ${triple(countBefore)} → ${triple(t.count)}`);
  return out;
}

function modelOnlyChanges(before: ModelSide | null, after: ModelSide): string[] {
  const out: string[] = [];
  if (before) {
    const f0 = before.freelists;
    const f1 = after.freelists;
    for (const kind of ['lists', 'dicts', 'keys'] as const) if (f0[kind] !== f1[kind]) out.push(`${kind} freelist: ${f0[kind]} → ${f1[kind]}`);
    f1.tuples.forEach((n, i) => {
      if (n !== f0.tuples[i]) out.push(`${i + 1}-tuple freelist: ${f0.tuples[i]} → ${n}`);
    });
    if (triple(before.gc.threshold) !== triple(after.gc.threshold)) out.push(`thresholds: ${triple(before.gc.threshold)} → ${triple(after.gc.threshold)}`);
    if (before.gc.enabled !== after.gc.enabled) out.push(`collector ${after.gc.enabled ? 'enabled' : 'disabled'}`);
  }
  return out;
}

function poolName(view: AllocatorView, address: number): string {
  const where = locateBlock(view, address);
  if (!where) return address === 0 ? 'NULL' : `${hex(address)} (raw)`;
  return `${hex(address)} (arena ${hex(where.arena.address)}, pool ${where.pool.index}, block ${where.block})`;
}

function allocatorChanges(calls: readonly AllocatorCall[], before: AllocatorView | null, after: AllocatorView | null): string[] {
  const out: string[] = [];
  const view = after ?? before;
  for (const c of calls) {
    if (c.implementation === null && c.model === null) out.push(c.call);
    else if (c.implementation === c.model) out.push(`${c.call} → ${view ? poolName(view, c.implementation!) : hex(c.implementation!)}`);
    else out.push(`${c.call}: the engine returned ${c.implementation === null ? 'nothing' : hex(c.implementation)}, the allocator model ${c.model === null ? 'nothing' : hex(c.model)}`);
  }
  if (!before || !after) return out;
  const arenasBefore = new Map(before.arenas.map((a) => [a.address, a]));
  const arenasAfter = new Map(after.arenas.map((a) => [a.address, a]));
  for (const a of after.arenas) if (!arenasBefore.has(a.address)) out.push(`arena ${hex(a.address)} mapped`);
  for (const a of before.arenas) if (!arenasAfter.has(a.address)) out.push(`arena ${hex(a.address)} released`);
  for (const a of after.arenas) {
    const pools = new Map((arenasBefore.get(a.address)?.pools ?? []).map((p) => [p.index, p]));
    for (const p of a.pools) {
      const q = pools.get(p.index);
      if (!q) out.push(`pool ${p.index} of arena ${hex(a.address)} carved for ${p.blockSize}-byte blocks`);
      else if (q.state !== p.state || q.sizeClass !== p.sizeClass) out.push(`pool ${p.index} of arena ${hex(a.address)}: ${q.state} → ${p.state}${q.sizeClass !== p.sizeClass ? ` (now ${p.blockSize}-byte blocks)` : ''}`);
    }
  }
  if (before.usableArenas.join() !== after.usableArenas.join()) out.push(`usable_arenas: ${before.usableArenas.map(hex).join(', ') || 'empty'} → ${after.usableArenas.map(hex).join(', ') || 'empty'}`);
  return out;
}

export interface ChangeInputs {
  model: ModelSide | null;
  implementation: ImplementationSide | null;
  calls: readonly AllocatorCall[];
  allocator: AllocatorView | null;
}

/** What a step changed, against the step before (null: the first step). */
export function stepChanges(before: ChangeInputs | null, after: ChangeInputs): StepChange[] {
  const model = after.model ? [...sideChanges(before?.model ?? null, after.model), ...modelOnlyChanges(before?.model ?? null, after.model)] : [];
  const impl = after.implementation ? sideChanges(before?.implementation ?? null, after.implementation) : [];
  const implSet = new Set(impl);
  const modelSet = new Set(model);
  const out: StepChange[] = [];
  for (const text of model) out.push({ side: after.implementation === null || implSet.has(text) ? (after.implementation ? 'both' : 'model') : 'model', text });
  for (const text of impl) if (!modelSet.has(text)) out.push({ side: 'implementation', text });
  for (const text of allocatorChanges(after.calls, before?.allocator ?? null, after.allocator)) out.push({ side: 'allocator', text });
  return groupObjectChanges(out);
}

/** Changes told of one object each (`list 5: generation 0 → generation 1`, `refcount of list 5: 1 → 2`). */
const OBJECT_CHANGE = /^(?:(refcount) of )?((?:list|dict|tuple|Obj|Fin|Lazarus|bytes|weakref) \d+):? (.*)$/;
/** From this many objects changed the same way on the same side, one line lists them. */
const GROUP_FROM = 3;

/**
 * A collection that moves 40 objects says so in one line, not 40: changes of the same kind, on the
 * same side, from the same value to the same value, are listed together.
 */
function groupObjectChanges(changes: StepChange[]): StepChange[] {
  const groups = new Map<string, { side: StepChange['side']; what: string; objects: string[] }>();
  const keyOf = (c: StepChange) => {
    const m = OBJECT_CHANGE.exec(c.text);
    return m && !c.text.startsWith('created') ? { key: `${c.side}|${m[1] ?? ''}|${m[3]}`, object: m[2], what: m[1] ? `refcount ${m[3]}` : m[3] } : null;
  };
  for (const c of changes) {
    const k = keyOf(c);
    if (!k) continue;
    const g = groups.get(k.key) ?? { side: c.side, what: k.what, objects: [] };
    g.objects.push(k.object);
    groups.set(k.key, g);
  }
  const out: StepChange[] = [];
  const done = new Set<string>();
  for (const c of changes) {
    const k = keyOf(c);
    const g = k && groups.get(k.key);
    if (!k || !g || g.objects.length < GROUP_FROM) {
      out.push(c);
      continue;
    }
    if (done.has(k.key)) continue;
    done.add(k.key);
    out.push({ side: c.side, text: `${g.what}, ${g.objects.length} objects: ${g.objects.join(', ')}` });
  }
  return out;
}
