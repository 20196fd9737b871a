// The implementation agrees with the model under the 3.12 and 3.13 profiles (contract/cpythonProfiles.ts):
// every invariant, on the default swarm with the version's own idiom (a collection scheduled, then met by
// a `__del__`, a callback or an explicit collection's Python code: properties/generators/idiomTemplate.ts),
// and the rules that differ from 3.11 required to have been exercised (versionMinimums).
import { createEngine as createImplEngine } from '../impl/engine.js';
import { describe } from 'vitest';
import type { CPythonVersion } from '../language/ast.js';
import { GENERATED_KINDS } from './generators/programArbitrary.js';
import { versionMinimums } from './statistics/requiredMinimums.js';
import { featureProperty } from './suite/featureProperty.js';

const PROFILES: CPythonVersion[] = ['3.12', '3.13'];

for (const cpython of PROFILES) {
  describe(`CPython ${cpython}: the implementation agrees with the model under the profile`, () => {
    featureProperty(`programs of every statement kind under ${cpython}`, {
      title: `cpython-${cpython}`, testFile: 'properties/versions.test.ts', kinds: GENERATED_KINDS, ciRuns: 2000,
      minimums: versionMinimums(cpython), createEngine: createImplEngine, cpython,
    });
  });
}
