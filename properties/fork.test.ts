// fork and copy-on-write (issue #9; invariant pages-written-match-touches, not in SPEC §4, proposed):
// after `fork()` the implementation's count of 4 KiB pages written agrees with the model's page rules,
// on programs that fork once or more among every other kind (and gc.freeze() before some forks).
import { afterAll, describe, expect, it } from 'vitest';
import { FORK_KINDS } from './generators/programArbitrary.js';
import { checkPrograms } from './suite/checkPrograms.js';
import { suiteProfile } from './suite/profile.js';
import { SuiteStatistics } from './suite/suiteStatistics.js';
import { FORK_MINIMUMS, minimumsNotMet } from './statistics/requiredMinimums.js';

const statistics = new SuiteStatistics();
afterAll(() => console.log(statistics.report('fork')));

describe('fork: the implementation agrees with the model on pages written since the fork', () => {
  it('programs that fork', () => {
    const profile = suiteProfile();
    checkPrograms('fork', {
      testFile: 'properties/fork.test.ts',
      generator: { kinds: [...FORK_KINDS], maxLength: 60 },
      profile: profile.name === 'ci' ? { ...profile, numRuns: Math.min(profile.numRuns, 1000) } : profile,
      onRun: statistics.record,
    });
    // Not vacuous: the feature's invariant was exercised in enough programs (one replayed program is no sample).
    if (!process.env.PYMEM_PATH) expect(minimumsNotMet(statistics.stats, FORK_MINIMUMS).map((m) => m.key)).toEqual([]);
  });
});
