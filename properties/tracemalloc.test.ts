// Invariants of tracemalloc and sys.getsizeof (issue #9; not named in SPEC §4, proposed):
// traced-memory-matches-live-blocks — `traced` (current, peak) and the per-line statistics — and
// sizes-match-getsizeof — on programs that start and stop tracemalloc among every other kind.
// The default generator's swarm leaves tracemalloc out (its distribution calibrates the planted-bug
// and statistics tests); this property draws from the same templates with the two kinds added.
import { afterAll, describe, expect, it } from 'vitest';
import { TRACEMALLOC_KINDS } from './generators/programArbitrary.js';
import { checkPrograms } from './suite/checkPrograms.js';
import { suiteProfile } from './suite/profile.js';
import { SuiteStatistics } from './suite/suiteStatistics.js';
import { TRACEMALLOC_MINIMUMS, minimumsNotMet } from './statistics/requiredMinimums.js';

const statistics = new SuiteStatistics();
afterAll(() => console.log(statistics.report('tracemalloc')));

describe('tracemalloc: the implementation agrees with the model on traced memory and sizes', () => {
  it('programs that trace allocations part of the time', () => {
    const profile = suiteProfile();
    checkPrograms('tracemalloc', {
      testFile: 'properties/tracemalloc.test.ts',
      generator: { kinds: [...TRACEMALLOC_KINDS], maxLength: 60 },
      profile: profile.name === 'ci' ? { ...profile, numRuns: Math.min(profile.numRuns, 1500) } : profile,
      onRun: statistics.record,
    });
    // Not vacuous: the feature's invariant was exercised in enough programs (one replayed program is no sample).
    if (!process.env.PYMEM_PATH) expect(minimumsNotMet(statistics.stats, TRACEMALLOC_MINIMUMS).map((m) => m.key)).toEqual([]);
  });
});
