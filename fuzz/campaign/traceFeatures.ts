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
import type { Program } from '../../model/language/ast.js';
import type { TraceLine } from '../../model/trace.js';

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

export function traceFeatures(program: Program, trace: readonly TraceLine[]): string[] {
  const features = new Set<string>();
  for (let i = 0; i < trace.length; i++) {
    const line = trace[i];
    const kind = program.statements[i]?.kind ?? 'teardown';
    const how = kind === 'collect' ? ':explicit' : ':automatic';
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
  // Live objects per generation, in the order each generation is first met (g0, g1, g2, untracked).
  const order: string[] = [];
  const perGeneration: Record<string, number> = {};
  const finalizedNow = line.finalized.length > 0 ? new Set(line.finalized) : null;
  for (const o of line.objects!) {
    const gen = o.gen === null ? (GC_TYPES.has(o.type) ? 'untracked' : null) : (typeof o.gen === 'number' ? GENERATIONS[o.gen] : `g${o.gen}`);
    if (gen) {
      if (perGeneration[gen] === undefined) {
        perGeneration[gen] = 0;
        order.push(gen);
      }
      perGeneration[gen]++;
    }
    if (gen === 'untracked') features.add(joined('untracked:', o.type));
    if (finalizedNow?.has(o.id)) features.add(joined('finalized-alive:', o.type));
    if (o.refcount > 1) features.add(named('refcount:', o.type, o.refcount));
  }
  for (const gen of order) features.add(named('live:', gen, perGeneration[gen]));
}
