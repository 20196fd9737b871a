// Invariants of the cyclic collector: full-collect-is-complete, collect-frees-exactly-young-garbage,
// survivors-promoted, frozen-never-collected, threshold-triggering, count-rules, weakref-cleared-before-
// finalizers, callback-only-if-weakref-reachable, saveall-keeps-garbage, stats-match-collections,
// resurrection-keeps-reachable, tracking-rules — on programs with every statement kind.
import { describe, it } from 'vitest';
import { checkPrograms } from './suite/checkPrograms.js';
import { recordRun } from './suite/suiteStatistics.js';

describe('the cyclic collector: the implementation agrees with the model statement by statement', () => {
  it('with every statement kind', () => {
    checkPrograms('collector', { testFile: 'properties/collector.test.ts', generator: { maxLength: 60 }, onRun: recordRun });
  });
});
