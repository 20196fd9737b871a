/*
 * A worker's filter for coverage features: which features of a run it has not reported before. The
 * coordinator only ever needs those (worker.ts explains why the filter changes nothing else), and
 * almost every run has none, so the common case must cost little: the engine's counters are checked
 * as numbers — one bit per count bucket per counter — and turned into feature keys
 * (properties/statistics/featureKeys.ts: `name`, `name#bucket`) only when new. Trace features
 * (traceFeatures.ts) are few and checked as strings. With `all`, every feature of the run is returned,
 * exactly what defaultFeatureKeys gives.
 */
import type { Program } from '../../language/ast.js';
import type { LockstepResult } from '../../properties/lockstep/lockstep.js';
import { countBucket, countBucketLabel } from '../../properties/statistics/featureKeys.js';
import { traceFeatures } from './traceFeatures.js';

export class FeatureNovelty {
  /** Per engine counter, a bit for every count bucket already reported. */
  private readonly engineBuckets = new Map<string, number>();
  private readonly traceSeen = new Set<string>();

  /** `liveFeatures`: the run's live-object features when its trace lines carry no snapshots (checkProgram.ts). */
  novel(program: Program, result: LockstepResult, all: boolean, liveFeatures: Iterable<string> = []): string[] {
    const out: string[] = [];
    const counts = result.features ?? {};
    for (const name in counts) {
      const bucket = countBucket(counts[name]);
      if (bucket === 0) continue;
      const seen = this.engineBuckets.get(name) ?? 0;
      const bit = 1 << bucket;
      if (all || seen === 0) out.push(name);
      if (all || (seen & bit) === 0) out.push(`${name}#${countBucketLabel(bucket)}`);
      this.engineBuckets.set(name, seen | bit);
    }
    for (const feature of traceFeatures(program, result.modelTrace, liveFeatures)) {
      if (all || !this.traceSeen.has(feature)) out.push(feature);
      this.traceSeen.add(feature);
    }
    return out;
  }
}
