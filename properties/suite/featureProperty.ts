/*
 * A property for a feature the default swarm leaves out (tracemalloc, fork, a version profile other than
 * 3.11): the suite's generator with the feature's statement kinds added (or under the feature's profile),
 * a CI budget of its own, the statistics printed after the file, and the feature's invariants (or rules)
 * required to have been exercised (one replayed program is no sample).
 */
import { afterAll, expect, it } from 'vitest';
import type { CPythonVersion, StatementKind } from '../../language/ast.js';
import type { CreateEngine } from '../../contract/engine.js';
import { minimumsNotMet, type RequiredMinimum } from '../statistics/requiredMinimums.js';
import { checkPrograms } from './checkPrograms.js';
import { suiteProfile } from './profile.js';
import { SuiteStatistics } from './suiteStatistics.js';

export interface FeatureProperty {
  /** The feature's name in reports and replay commands. */
  title: string;
  /** The test file, for the printed replay command. */
  testFile: string;
  kinds: readonly StatementKind[];
  /** Programs in the CI profile (the long profile keeps its own). */
  ciRuns: number;
  minimums: readonly RequiredMinimum[];
  /** The engine under test. */
  createEngine: CreateEngine;
  /** The version profile the programs run under (default 3.11). */
  cpython?: CPythonVersion;
}

export function featureProperty(name: string, feature: FeatureProperty): void {
  const statistics = new SuiteStatistics();
  afterAll(() => console.log(statistics.report(feature.title)));
  it(name, () => {
    const profile = suiteProfile();
    checkPrograms(feature.title, {
      testFile: feature.testFile,
      createEngine: feature.createEngine,
      generator: { kinds: [...feature.kinds], maxLength: 60, cpython: feature.cpython },
      profile: profile.name === 'ci' ? { ...profile, numRuns: Math.min(profile.numRuns, feature.ciRuns) } : profile,
      onRun: statistics.record,
    });
    if (!process.env.PYMEM_PATH) expect(minimumsNotMet(statistics.stats, feature.minimums).map((m) => m.key)).toEqual([]);
  });
}
