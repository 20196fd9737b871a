// Invariants of the refcount layer: reachable-never-freed, refcount-death-is-prompt,
// refcount-equals-referrers, finalizer-at-most-once, resurrection-keeps-reachable, count-rules,
// tracking-rules, new-objects-in-gen0, heap-empty-at-teardown — on programs without collections.
import { createEngine as createImplEngine } from '../impl/engine.js';
import { afterAll, describe, it } from 'vitest';
import { checkPrograms } from './suite/checkPrograms.js';
import { SUITE_PROPERTIES } from './suite/suiteProperties.js';
import { SuiteStatistics } from './suite/suiteStatistics.js';

const statistics = new SuiteStatistics();
afterAll(() => console.log(statistics.report('refcounting')));

describe('refcounting: the implementation agrees with the model statement by statement', () => {
  it('without the cyclic collector', () => {
    const { title, testFile, generator } = SUITE_PROPERTIES.refcounting;
    checkPrograms(title, { testFile, createEngine: createImplEngine, generator, onRun: statistics.record });
  });
});
