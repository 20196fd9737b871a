/*
 * What a campaign never reached — where a reader looks for the next generator to write. Three lists,
 * each from a universe that pymem knows in full:
 *
 *   the engine's event counters never above zero: the universe is the counters the engine itself
 *     lists — its `features()` (contract/engine.ts) on an empty program, which for pymem's
 *     implementation names every counter it keeps, zero or not (impl/runtime/features.ts,
 *     impl/pymalloc/events.ts) — less those campaign.json's `engineCounters` summed above zero. A
 *     plug-in that lists only the counters it has moved gives an empty universe, and the report says so;
 *   statement kinds never run: the kinds a campaign draws from (the generator's, with tracemalloc's and
 *     fork's, properties/generators/programArbitrary.ts) less campaign.json's `kinds`;
 *   collections never seen: each generation, explicit and automatic, less campaign.json's `events`.
 *
 * Coverage features proper (`name#bucket`, the trace's) have no finite universe — a bucket of a count
 * can always be higher — so they are not listed; their counter names are.
 */
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON } from '../../language/ast.js';
import type { CampaignState } from '../store/campaignState.js';
import type { EngineLoader } from '../protocol/engineChoice.js';
import { FORK_KINDS, TRACEMALLOC_KINDS } from '../../properties/generators/programArbitrary.js';

export interface NeverReached {
  /** Engine counters never above zero; null when the engine could not be asked. */
  engineCounters: string[] | null;
  /** How many counters the engine lists (0: it lists none on an empty program). */
  engineCounterCount: number;
  /** Why the engine could not be asked, if it could not. */
  engineProblem: string | null;
  statementKinds: string[];
  collections: string[];
}

/** Every counter the engine lists, or why it could not be asked. Costs loading the engine: asked once per report. */
export type CounterNames = { names: string[] } | { problem: string };

const COLLECTION_EVENTS = [0, 1, 2].flatMap((g) => [`collection gen ${g} explicit`, `collection gen ${g} automatic`]);

export async function engineCounterNames(engine: CampaignState['engine'], engines: EngineLoader): Promise<CounterNames> {
  try {
    const createEngine = await engines.load(engine);
    return { names: Object.keys(createEngine({ statements: [], geometry: CPYTHON_GEOMETRY, cpython: DEFAULT_CPYTHON }, {}).features?.() ?? {}) };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}

export function neverReached(state: CampaignState, counters: CounterNames): NeverReached {
  const reached = (counts: Record<string, number> | undefined, name: string) => (counts?.[name] ?? 0) > 0;
  const kinds = [...new Set([...TRACEMALLOC_KINDS, ...FORK_KINDS])];
  return {
    engineCounters: 'names' in counters ? counters.names.filter((n) => !reached(state.engineCounters, n)).sort() : null,
    engineCounterCount: 'names' in counters ? counters.names.length : 0,
    engineProblem: 'problem' in counters ? counters.problem : null,
    statementKinds: kinds.filter((k) => !reached(state.kinds, k)).sort(),
    collections: COLLECTION_EVENTS.filter((e) => !reached(state.events, e)),
  };
}
