// Invariants of the refcount layer: reachable-never-freed, refcount-death-is-prompt,
// refcount-equals-referrers, finalizer-at-most-once, resurrection-keeps-reachable, count-rules,
// tracking-rules, new-objects-in-gen0, heap-empty-at-teardown — on programs without collections.
import { createEngine as createImplEngine } from '../impl/engine.js';
import { afterAll, describe, it } from 'vitest';
import { GENERATED_KINDS } from './generators/programArbitrary.js';
import { checkPrograms } from './suite/checkPrograms.js';
import { SuiteStatistics } from './suite/suiteStatistics.js';

const statistics = new SuiteStatistics();
afterAll(() => console.log(statistics.report('refcounting')));

const NO_COLLECTOR = GENERATED_KINDS.filter((k) => !['collect', 'setThreshold', 'gcEnable', 'freeze', 'unfreeze'].includes(k));

describe('refcounting: the implementation agrees with the model statement by statement', () => {
  it('without the cyclic collector', () => {
    checkPrograms('refcounting', {
      testFile: 'properties/refcounting.test.ts',
  createEngine: createImplEngine,
      generator: { kinds: ['gcDisable', ...NO_COLLECTOR], maxLength: 60 },
      onRun: statistics.record,
    });
  });
});
