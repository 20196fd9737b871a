/*
 * Coverage features read off the model's trace: the fallback when neither the engine nor the lockstep
 * result reports features of its own (see features.ts). A feature is a string key; counts are bucketed
 * (AFL's hit-count buckets: 1, 2, 3, 4–7, 8–15, 16–31, 32–127, 128+), so a program that collects 40
 * objects in one generation-1 collection is new when the corpus has only ever collected 3.
 *
 * What counts: collections per generation, automatic or explicit, and how much each collected; frees,
 * finalizers and callbacks per statement kind; finalized objects still alive (resurrection, SAVEALL); several collections in one statement;
 * the generation sizes and untracked containers of the snapshot; the collector's counts.
 */
import type { Program } from '../../language/ast.js';
import type { ModelMachine } from '../../model/machine/machine.js';
import type { Generation, ObjectType, TraceLine } from '../../contract/trace.js';

const BUCKETS = ['0', '1', '2', '3', '4-7', '8-15', '16-31', '32-127', '128+'];

function bucketIndex(n: number): number {
  if (n <= 3) return n;
  if (n < 8) return 4;
  if (n < 16) return 5;
  if (n < 32) return 6;
  if (n < 128) return 7;
  return 8;
}

export function bucket(n: number): string {
  return n >= 0 ? BUCKETS[bucketIndex(n)] : String(n);
}

/**
 * Feature names, each built once: a worker checks thousands per program (every object of every
 * snapshot), almost all of them seen before, and building the strings anew was most of the cost.
 */
const names = new Map<string, Map<string, string[]>>();

function named(head: string, tail: string, n: number): string {
  let byTail = names.get(head);
  if (!byTail) names.set(head, (byTail = new Map()));
  let byBucket = byTail.get(tail);
  if (!byBucket) byTail.set(tail, (byBucket = []));
  if (n < 0) return `${head}${tail}:${n}`;
  const i = bucketIndex(n);
  return (byBucket[i] ??= `${head}${tail}:${BUCKETS[i]}`);
}

const plain = new Map<string, Map<string, string>>();

function joined(head: string, tail: string): string {
  let byTail = plain.get(head);
  if (!byTail) plain.set(head, (byTail = new Map()));
  let name = byTail.get(tail);
  if (name === undefined) byTail.set(tail, (name = head + tail));
  return name;
}

const GENERATIONS = ['g0', 'g1', 'g2'];
const COLLECT = GENERATIONS.map((g) => `collect:${g}`);
const GC_TYPES = new Set(['list', 'dict', 'tuple', 'Obj', 'Fin', 'Lazarus']);

/** `liveFeatures`: the live-object features observed in place, for a trace whose lines carry no snapshots. */
export function traceFeatures(program: Program, trace: readonly TraceLine[], liveFeatures: Iterable<string> = []): string[] {
  const features = new Set<string>(liveFeatures);
  for (let i = 0; i < trace.length; i++) {
    const line = trace[i];
    const kind = program.statements[i]?.kind ?? 'teardown';
    // The teardown's collections are pymem's own gc.collect(), not an automatic collection of the engine's.
    const how = i >= program.statements.length ? ':teardown' : kind === 'collect' ? ':explicit' : ':automatic';
    for (const c of line.collections) {
      const collect = COLLECT[c.generation];
      features.add(joined(collect, how));
      features.add(named(collect, ':collected', c.collected));
      if (c.uncollectable > 0) features.add(named(collect, ':uncollectable', c.uncollectable));
    }
    if (line.collections.length > 1) features.add(named('collections-in-one-statement', '', line.collections.length));
    if (line.freed.length > 0) features.add(named(kind, ':freed', line.freed.length));
    if (line.finalized.length > 0) features.add(named(kind, ':finalized', line.finalized.length));
    if (line.callbacks.length > 0) features.add(named(kind, ':callbacks', line.callbacks.length));
    features.add(named('count0', '', line.count[0]));
    if (line.count[1] > 0) features.add(named('count1', '', line.count[1]));
    if (line.count[2] > 0) features.add(named('count2', '', line.count[2]));
    if (line.objects) snapshotFeatures(line, features);
  }
  return [...features].sort();
}

function snapshotFeatures(line: TraceLine, features: Set<string>): void {
  const tally = liveObjectTally.begin(line.finalized);
  for (const o of line.objects!) tally.add(o.id, o.type, o.gen, o.refcount, features);
  tally.end(features);
}

/**
 * The same features as a snapshot gives, read off the model's live objects in place after a statement
 * (`refcounts` by id, as the lockstep runner counts them: Heap.countReferrers): campaigns call this from
 * the lockstep's `observe` hook instead of building a snapshot record per object per statement. Returns
 * how many of the objects the statement finalized are still alive (observeProgram.ts's statistic).
 */
export function modelObjectFeatures(machine: ModelMachine, refcounts: Int32Array, finalized: readonly number[], features: Set<string>): number {
  const tally = liveObjectTally.begin(finalized);
  for (const o of machine.heap.objects.values()) tally.add(o.id, o.type, o.gen, refcounts[o.id], features);
  return tally.end(features);
}

/** Live objects per generation (in the order each generation is first met), untracked containers, finalized yet alive, refcounts. */
class LiveObjectTally {
  private readonly order: string[] = [];
  private readonly perGeneration = new Map<string, number>();
  private finalizedNow: Set<number> | null = null;
  private finalizedAlive = 0;

  begin(finalized: readonly number[]): this {
    this.order.length = 0;
    this.perGeneration.clear();
    this.finalizedNow = finalized.length > 0 ? new Set(finalized) : null;
    this.finalizedAlive = 0;
    return this;
  }

  add(id: number, type: ObjectType, gen: Generation, refcount: number, features: Set<string>): void {
    const g = gen === null ? (GC_TYPES.has(type) ? 'untracked' : null) : (typeof gen === 'number' ? GENERATIONS[gen] : `g${gen}`);
    if (g) {
      const seen = this.perGeneration.get(g);
      if (seen === undefined) this.order.push(g);
      this.perGeneration.set(g, (seen ?? 0) + 1);
    }
    if (g === 'untracked') features.add(joined('untracked:', type));
    if (this.finalizedNow?.has(id)) {
      this.finalizedAlive++;
      features.add(joined('finalized-alive:', type));
    }
    if (refcount > 1) features.add(named('refcount:', type, refcount));
  }

  /** Adds the per-generation features; returns how many finalized objects were alive. */
  end(features: Set<string>): number {
    for (const g of this.order) features.add(named('live:', g, this.perGeneration.get(g)!));
    return this.finalizedAlive;
  }
}

const liveObjectTally = new LiveObjectTally();
