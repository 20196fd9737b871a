/*
 * What checked programs tell the campaign besides pass or fail, for the report's statistics: how many
 * statements of each kind ran, how often the trace showed each event (collections per generation,
 * explicit or automatic, objects freed, finalized, called back, finalized yet alive), and the engine's
 * own event counters (EngineUnderTest.features). A worker adds its batch's programs into one
 * Statistics record; the keys are constants, so a program costs no allocation here.
 *
 * Coverage features are not here: featureNovelty.ts (the worker's filter) and traceFeatures.ts.
 * defaultFeatureKeys gives all the features of one run, as a campaign counts them.
 */
import type { Program } from '../../language/ast.js';
import type { LockstepResult } from '../../properties/lockstep/lockstep.js';
import { featureKeys } from '../../properties/statistics/featureKeys.js';
import type { LiveObjectObservations } from './checkProgram.js';
import type { Statistics } from '../protocol/protocol.js';
import { traceFeatures } from './traceFeatures.js';

export type FeatureKeys = (program: Program, result: LockstepResult, live?: LiveObjectObservations) => string[];

/**
 * Every coverage feature of a run: the engine's counters, bucketed, and the trace's, with the live-object
 * features observed in place when the trace has no snapshots (featureNovelty.ts filters these).
 */
export const defaultFeatureKeys: FeatureKeys = (program, result, live) =>
  [...featureKeys(result.features), ...traceFeatures(program, result.modelTrace, live?.features)];

// The teardown's collections are pymem's own `gc.collect()`, neither the program's nor the engine's decision.
const COLLECTION_EVENTS = [0, 1, 2].map((g) => ({
  explicit: `collection gen ${g} explicit`, automatic: `collection gen ${g} automatic`, teardown: `collection gen ${g} teardown`,
}));

const add = (into: Record<string, number>, key: string, n: number) => {
  if (n > 0) into[key] = (into[key] ?? 0) + n;
};

/**
 * Adds one program (and its lockstep result, when it ran to the end) to a batch's statistics; `live`
 * counts the finalized objects still alive when the trace has no snapshots (checkProgram.ts).
 */
export function addProgramStatistics(into: Statistics, program: Program, result: LockstepResult | null, live?: LiveObjectObservations): void {
  for (const s of program.statements) into.kinds[s.kind] = (into.kinds[s.kind] ?? 0) + 1;
  if (!result) return;
  const { events } = into;
  result.modelTrace.forEach((line, i) => {
    const teardown = i >= program.statements.length;
    for (const c of line.collections) {
      const names = COLLECTION_EVENTS[c.generation];
      add(events, teardown ? names.teardown : program.statements[i].kind === 'collect' ? names.explicit : names.automatic, 1);
      add(events, 'objects collected', c.collected);
      add(events, 'uncollectable', c.uncollectable);
    }
    add(events, 'objects freed', line.freed.length);
    add(events, 'finalizers run', line.finalized.length);
    add(events, 'weakref callbacks', line.callbacks.length);
    if (!live && line.objects && line.finalized.length > 0) {
      const finalized = new Set(line.finalized);
      add(events, 'finalized objects still alive', line.objects.filter((o) => finalized.has(o.id)).length);
    }
  });
  if (live) add(events, 'finalized objects still alive', live.finalizedAlive);
  const counts = result.features ?? {};
  for (const name in counts) add(into.engine, name, counts[name]);
}
