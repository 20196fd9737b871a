// Invariants of the allocator: blocks-disjoint-and-aligned, block-in-right-size-class,
// freed-block-reused-lifo, pool-state-consistent, arena-order-and-release, raw-fallback-over-512,
// realloc-in-place-rule, bytes-accounting — on small pools and arenas, so that short programs fill and
// empty them.
import { createEngine as createImplEngine } from '../impl/engine.js';
import { afterAll, describe, it } from 'vitest';
import { checkPrograms } from './suite/checkPrograms.js';
import { SUITE_PROPERTIES } from './suite/suiteProperties.js';
import { SuiteStatistics } from './suite/suiteStatistics.js';

const statistics = new SuiteStatistics();
afterAll(() => console.log(statistics.report('allocator')));

describe('the allocator: every call returns the allocator model\'s address', () => {
  it('on small geometries, allocation-heavy programs', () => {
    const { title, testFile, generator } = SUITE_PROPERTIES.allocator;
    checkPrograms(title, { testFile, createEngine: createImplEngine, generator, onRun: statistics.record });
  });
});
