/*
 * The coverage features of one run: the engine's semantic event counters (EngineUnderTest.features),
 * bucketed by count as AFL buckets edge hit counts, so that a campaign can keep a program that makes an
 * event happen for the first time *or* a new number of times (1, 2-3, 4-7, …, 1024+), without every
 * extra repetition looking new.
 *
 * Keys, for every counter that is not zero:
 *   `name`               the event happened (e.g. `resurrection.gc`, `pool.reuse-same-class`, `sizeclass:31`,
 *                        `collect.gen0.unreachable:4-7` — a collection of generation 0 found 4-7 unreachable)
 *   `name#bucket`        how many times, bucketed (e.g. `collect.auto.gen2#2-3`)
 * Counter names come from the engine (pymem's: impl/runtime/features.ts, impl/pymalloc/events.ts); a name
 * with a `:` is one bucket of a per-collection (or per-class) histogram the engine keeps itself.
 */
import type { EngineUnderTest } from '../../contract/engine.js';

export type FeatureCounts = Readonly<Record<string, number>>;
/** An engine (its counters so far) or counters already read from one (LockstepResult.features). */
export type FeatureSource = Pick<EngineUnderTest, 'features'> | FeatureCounts | undefined;

/** The last bucket: this many or more. */
const TOP_BUCKET_FLOOR = 1024;
const TOP_BUCKET = Math.log2(TOP_BUCKET_FLOOR) + 1;

/** 0 for 0; bucket b ≥ 1 holds 2^(b−1) … 2^b − 1; the last, 1024 and more. */
export function countBucket(n: number): number {
  if (n <= 0) return 0;
  return n >= TOP_BUCKET_FLOOR ? TOP_BUCKET : 32 - Math.clz32(n);
}

/** `1`, `2-3`, `4-7`, …, `1024+`. */
export function countBucketLabel(bucket: number): string {
  if (bucket <= 1) return String(bucket);
  if (bucket >= TOP_BUCKET) return `${TOP_BUCKET_FLOOR}+`;
  return `${2 ** (bucket - 1)}-${2 ** bucket - 1}`;
}

/** The counters of a source, or an empty record when it reports none. */
export function featureCounts(source: FeatureSource): FeatureCounts {
  if (source === undefined) return {};
  if (typeof source.features === 'function') return source.features() ?? {};
  return source as FeatureCounts;
}

/** Counter name → count bucket (≥ 1), for every counter that is not zero. */
export function featureVector(source: FeatureSource): Record<string, number> {
  const vector: Record<string, number> = {};
  for (const [name, count] of Object.entries(featureCounts(source))) {
    const bucket = countBucket(count);
    if (bucket > 0) vector[name] = bucket;
  }
  return vector;
}

/** The coverage keys of a run, sorted: `name` and `name#bucket` for every counter that is not zero. */
export function featureKeys(source: FeatureSource): string[] {
  const keys: string[] = [];
  for (const [name, bucket] of Object.entries(featureVector(source))) keys.push(name, `${name}#${countBucketLabel(bucket)}`);
  return keys.sort();
}
