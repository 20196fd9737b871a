// fork and copy-on-write (invariant pages-written-match-touches):
// after `fork()` the implementation's count of 4 KiB pages written agrees with the model's page rules,
// on programs that fork once or more among every other kind (and gc.freeze() before some forks).
import { createEngine as createImplEngine } from '../impl/engine.js';
import { describe } from 'vitest';
import { FORK_MINIMUMS } from './statistics/requiredMinimums.js';
import { featureProperty } from './suite/featureProperty.js';
import { SUITE_PROPERTIES } from './suite/suiteProperties.js';

describe('fork: the implementation agrees with the model on pages written since the fork', () => {
  featureProperty('programs that fork', { ...SUITE_PROPERTIES.fork, minimums: FORK_MINIMUMS, createEngine: createImplEngine });
});
