import { describe, expect, it } from 'vitest';
import { createEngine } from '../../impl/engine.js';
import { CPYTHON_GEOMETRY } from '../../language/ast.js';
import { neverReached } from '../../fuzz/report/neverReached.js';
import type { CampaignState } from '../../fuzz/store/campaignState.js';
import { RULE_CATALOGUE } from '../../properties/rules/ruleCatalogue.js';

const NAMES = Object.keys(createEngine({ statements: [], geometry: CPYTHON_GEOMETRY, cpython: '3.11' }, {}).features!());

/** A campaign state with only what neverReached reads. */
function state(engineCounters: Record<string, number>, cpython: CampaignState['cpython'] = '3.11', events: Record<string, number> = {}): CampaignState {
  return { cpython, engineCounters, kinds: {}, events } as unknown as CampaignState;
}

describe('the rules a campaign never reached', () => {
  it('lists every rule of the profile and every side when nothing was reached; invariant-only rules apart', () => {
    const never = neverReached(state({}), { names: NAMES });
    expect(never.rules).toEqual(expect.arrayContaining(['long-lived-ratio', 'long-lived-ratio:below', 'long-lived-ratio:at', 'long-lived-ratio:above', 'pool-capacity:at']));
    expect(never.rules).not.toContain('pool-capacity:above'); // a side the rule is never on
    expect(never.rules.some((r) => r.startsWith('pending-dropped'))).toBe(false); // a 3.13 rule
    expect(never.rulesNotObserved).toEqual(expect.arrayContaining(['counts', 'tracemalloc-traces', 'fork-pages']));
    const ofProfile = RULE_CATALOGUE.filter((r) => r.profiles.includes('3.11')).length;
    expect(never.rules.filter((r) => !r.includes(':')).length + never.rulesNotObserved.length).toBe(ofProfile);
  });

  it('drops a rule once one of its statistics happened, and a side once its counter did', () => {
    const never = neverReached(state({ 'rule:long-lived-ratio:at': 3, 'rule:gc-threshold-0:below': 1 }, '3.11', { 'collection gen 0 automatic': 2 }), { names: NAMES });
    expect(never.rules).not.toContain('long-lived-ratio'); // reached at its boundary
    expect(never.rules).toEqual(expect.arrayContaining(['long-lived-ratio:below', 'long-lived-ratio:above', 'gc-threshold-0:at']));
    expect(never.rules).not.toContain('long-lived-ratio:at');
    expect(never.rules).not.toContain('gc-threshold-0'); // an automatic collection of generation 0 happened
    expect(never.rules).not.toContain('gc-threshold-0:below');
  });

  it('takes the version profile\'s variants under 3.13, and judges nothing an engine does not list', () => {
    expect(neverReached(state({}, '3.13'), { names: NAMES }).rules).toEqual(expect.arrayContaining(['pending-dropped', 'list-del-keeps-array', 'tuple-freelist-reuse-20:at']));
    const plugin = neverReached(state({}), { names: [] });
    expect(plugin.rules.filter((r) => !r.startsWith('gc-threshold'))).toEqual([]); // only the rules shown by collections
    expect(plugin.rulesNotObserved).toContain('long-lived-ratio');
  });
});
