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

export function bucket(n: number): string {
  if (n <= 3) return String(n);
  if (n < 8) return '4-7';
  if (n < 16) return '8-15';
  if (n < 32) return '16-31';
  if (n < 128) return '32-127';
  return '128+';
}

const GC_TYPES = new Set(['list', 'dict', 'tuple', 'Obj', 'Fin', 'Lazarus']);

export function traceFeatures(program: Program, trace: readonly TraceLine[]): string[] {
  const features = new Set<string>();
  trace.forEach((line, i) => {
    const statement = program.statements[i];
    const kind = statement?.kind ?? 'teardown';
    const how = kind === 'collect' ? 'explicit' : 'automatic';
    for (const c of line.collections) {
      features.add(`collect:g${c.generation}:${how}`);
      features.add(`collect:g${c.generation}:collected:${bucket(c.collected)}`);
      if (c.uncollectable > 0) features.add(`collect:g${c.generation}:uncollectable:${bucket(c.uncollectable)}`);
    }
    if (line.collections.length > 1) features.add(`collections-in-one-statement:${bucket(line.collections.length)}`);
    if (line.freed.length > 0) features.add(`${kind}:freed:${bucket(line.freed.length)}`);
    if (line.finalized.length > 0) features.add(`${kind}:finalized:${bucket(line.finalized.length)}`);
    if (line.callbacks.length > 0) features.add(`${kind}:callbacks:${bucket(line.callbacks.length)}`);
    features.add(`count0:${bucket(line.count[0])}`);
    if (line.count[1] > 0) features.add(`count1:${bucket(line.count[1])}`);
    if (line.count[2] > 0) features.add(`count2:${bucket(line.count[2])}`);
    if (line.objects) snapshotFeatures(line, features);
  });
  return [...features].sort();
}

function snapshotFeatures(line: TraceLine, features: Set<string>): void {
  const perGeneration = new Map<string, number>();
  const finalizedNow = new Set(line.finalized);
  for (const o of line.objects!) {
    const gen = o.gen === null ? (GC_TYPES.has(o.type) ? 'untracked' : null) : `g${o.gen}`;
    if (gen) perGeneration.set(gen, (perGeneration.get(gen) ?? 0) + 1);
    if (gen === 'untracked') features.add(`untracked:${o.type}`);
    if (finalizedNow.has(o.id)) features.add(`finalized-alive:${o.type}`);
    if (o.refcount > 1) features.add(`refcount:${o.type}:${bucket(o.refcount)}`);
  }
  for (const [gen, n] of perGeneration) features.add(`live:${gen}:${bucket(n)}`);
}
