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
 *   collections never seen: each generation, explicit and automatic, less campaign.json's `events`;
 *   rules never reached, and sides of a rule's boundary never reached: the rules of the campaign's version
 *     profile (properties/rules/ruleCatalogue.ts). A rule is reached when one of its `reachedBy`
 *     statistics happened — an engine counter, a statement kind or a collection the campaign sums — or, for
 *     a rule reached only at its boundary, when a side was; a side when its counter
 *     (`rule:<name>:<side>`) summed above zero. A rule the campaign cannot judge — shown only by an
 *     invariant, which campaign.json does not sum, or by counters the engine does not list — is named
 *     apart, as not observed.
 *
 * Coverage features proper (`name#bucket`, the trace's) have no finite universe — a bucket of a count
 * can always be higher — so they are not listed; their counter names are.
 */
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON } from '../../language/ast.js';
import type { CampaignState } from '../store/campaignState.js';
import type { EngineLoader } from '../protocol/engineChoice.js';
import { FORK_KINDS, TRACEMALLOC_KINDS } from '../../properties/generators/programArbitrary.js';
import { boundaryCounter, RULE_CATALOGUE } from '../../properties/rules/ruleCatalogue.js';

export interface NeverReached {
  /** Engine counters never above zero; null when the engine could not be asked. */
  engineCounters: string[] | null;
  /** How many counters the engine lists (0: it lists none on an empty program). */
  engineCounterCount: number;
  /** Why the engine could not be asked, if it could not. */
  engineProblem: string | null;
  statementKinds: string[];
  collections: string[];
  /** `name` for a rule never reached, `name:side` for a side of its boundary never reached. */
  rules: string[];
  /** Rules of the profile the campaign's sums cannot tell about. */
  rulesNotObserved: string[];
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
  const listed = new Set('names' in counters ? counters.names : []);
  const rules: string[] = [];
  const rulesNotObserved: string[] = [];
  for (const rule of RULE_CATALOGUE) {
    if (!rule.profiles.includes(state.cpython)) continue;
    const sides = (rule.boundary?.sides ?? []).map((side) => ({ side, counter: boundaryCounter(rule, side) }));
    // What the campaign sums for each reachedBy key; undefined where it sums nothing of the kind.
    const sums = rule.reachedBy.map((key): boolean | undefined => {
      const [section, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      if (section === 'feature') return listed.has(name) ? reached(state.engineCounters, name) : undefined;
      if (section === 'statement') return reached(state.kinds, name);
      const collection = /^collect\.gen(\d)\.(explicit|automatic)$/.exec(name);
      if (section === 'trace' && collection) return reached(state.events, `collection gen ${collection[1]} ${collection[2]}`);
      return undefined;
    });
    const observable = sums.some((s) => s !== undefined) || (rule.reachedBy.length === 0 && sides.length > 0 && sides.every((s) => listed.has(s.counter)));
    if (!observable) {
      rulesNotObserved.push(rule.name);
      continue;
    }
    const sideReached = sides.map((s) => ({ ...s, reached: reached(state.engineCounters, s.counter) }));
    const ruleReached = rule.reachedBy.length > 0 ? sums.some((s) => s === true) : sideReached.some((s) => s.reached);
    if (!ruleReached) rules.push(rule.name);
    for (const s of sideReached) if (listed.has(s.counter) && !s.reached) rules.push(`${rule.name}:${s.side}`);
  }
  return {
    engineCounters: 'names' in counters ? counters.names.filter((n) => !reached(state.engineCounters, n)).sort() : null,
    engineCounterCount: 'names' in counters ? counters.names.length : 0,
    engineProblem: 'problem' in counters ? counters.problem : null,
    statementKinds: kinds.filter((k) => !reached(state.kinds, k)).sort(),
    collections: COLLECTION_EVENTS.filter((e) => !reached(state.events, e)),
    rules,
    rulesNotObserved,
  };
}
