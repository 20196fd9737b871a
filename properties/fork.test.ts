// fork and copy-on-write (issue #9; invariant pages-written-match-touches, not in SPEC §4, proposed):
// after `fork()` the implementation's count of 4 KiB pages written agrees with the model's page rules,
// on programs that fork once or more among every other kind (and gc.freeze() before some forks).
import { afterAll, describe, expect, it } from 'vitest';
import type { StatementKind } from '../model/language/ast.js';
import { GENERATED_KINDS } from './generators/programArbitrary.js';
import { checkPrograms } from './suite/checkPrograms.js';
import { suiteProfile } from './suite/profile.js';
import { SuiteStatistics } from './suite/suiteStatistics.js';

const statistics = new SuiteStatistics();
afterAll(() => console.log(statistics.report('fork')));

const FORK_KINDS: StatementKind[] = [...GENERATED_KINDS, 'fork'];

describe('fork: the implementation agrees with the model on pages written since the fork', () => {
  it('programs that fork', () => {
    const profile = suiteProfile();
    let programs = 0;
    let compared = 0;
    checkPrograms('fork', {
      testFile: 'properties/fork.test.ts',
      generator: { kinds: FORK_KINDS, maxLength: 60 },
      profile: profile.name === 'ci' ? { ...profile, numRuns: Math.min(profile.numRuns, 1000) } : profile,
      onRun: (p, r) => {
        statistics.record(p, r);
        programs++;
        if (r.modelTrace.some((l) => (l.pagesWritten ?? 0) > 0)) compared++;
      },
    });
    // Not vacuous: a share of the programs wrote pages after a fork.
    expect(compared / programs).toBeGreaterThan(0.1);
  });
});
