// Invariants of tracemalloc and sys.getsizeof:
// traced-memory-matches-live-blocks — `traced` (current, peak) and the per-line statistics — and
// sizes-match-getsizeof — on programs that start and stop tracemalloc among every other kind.
// The default generator's swarm leaves tracemalloc out (its distribution calibrates the planted-bug
// and statistics tests); this property draws from the same templates with the two kinds added.
import { createEngine as createImplEngine } from '../impl/engine.js';
import { describe } from 'vitest';
import { TRACEMALLOC_MINIMUMS } from './statistics/requiredMinimums.js';
import { featureProperty } from './suite/featureProperty.js';
import { SUITE_PROPERTIES } from './suite/suiteProperties.js';

describe('tracemalloc: the implementation agrees with the model on traced memory and sizes', () => {
  featureProperty('programs that trace allocations part of the time', {
    ...SUITE_PROPERTIES.tracemalloc, minimums: TRACEMALLOC_MINIMUMS, createEngine: createImplEngine,
  });
});
