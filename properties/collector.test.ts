// Invariants of the cyclic collector: full-collect-is-complete, collect-frees-exactly-young-garbage,
// survivors-promoted, frozen-never-collected, threshold-triggering, count-rules, weakref-cleared-before-
// finalizers, callback-only-if-weakref-reachable, saveall-keeps-garbage, stats-match-collections,
// resurrection-keeps-reachable, tracking-rules — on programs with every statement kind.
import { createEngine as createImplEngine } from '../impl/engine.js';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPrograms } from './suite/checkPrograms.js';
import { SUITE_PROPERTIES } from './suite/suiteProperties.js';
import { SuiteStatistics } from './suite/suiteStatistics.js';

const statistics = new SuiteStatistics();
afterAll(() => console.log(statistics.report('collector')));

describe('the cyclic collector: the implementation agrees with the model statement by statement', () => {
  it('with every statement kind', () => {
    const { title, testFile, generator } = SUITE_PROPERTIES.collector;
    checkPrograms(title, { testFile, createEngine: createImplEngine, generator, onRun: statistics.record });
  });

  // Replaying one reported case (PYMEM_PATH) runs a single program: no sample to judge.
  it.skipIf(Boolean(process.env.PYMEM_PATH))('exercised every key event at least as often as required (statistics with minimums)', () => {
    expect(statistics.starved()).toEqual([]);
  });
});
