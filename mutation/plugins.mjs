/*
 * pymem's two Stryker plugins (the configuration, stryker.config.mjs, names them):
 *
 *   - `pymem-counters`, an ignorer: the event-counter statements are reported as Ignored, with the
 *     reason, not tested (mutants.mjs says why they cannot change what the lockstep sees);
 *   - `pymem-sample`, a checker, in the sampled run only: Stryker is given the exact range of each
 *     sampled mutant (`mutate` with line and column ranges), and a range also holds the mutants nested in
 *     it (removing an `if`'s block holds every mutant inside the block). This checker passes the sampled
 *     mutants and turns the others away before any test runs (a checker's only verdict for "do not run"
 *     is CompileError; its reason says "outside the sample", and mutation/score.mjs leaves them out of
 *     every count). The sample is the file PYMEM_MUTATION_SAMPLE names, written by the configuration.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CheckStatus } from '@stryker-mutator/api/check';
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { COUNTER_IGNORER, ROOT, sampleKey } from './mutants.mjs';

export const OUTSIDE_THE_SAMPLE = 'outside the sample (nested in a sampled range)';

let sampled;
function sampledKeys() {
  if (!sampled) {
    const file = process.env.PYMEM_MUTATION_SAMPLE;
    if (!file) throw new Error('pymem-sample: PYMEM_MUTATION_SAMPLE names no sample file (run `npm run mutation`)');
    const { mutants } = JSON.parse(readFileSync(file, 'utf8'));
    sampled = new Set(mutants.map((m) => sampleKey(m.file, m.mutatorName, m.replacement, m.location)));
  }
  return sampled;
}

const sampleChecker = {
  async init() {
    sampledKeys();
  },
  async check(mutants) {
    const keys = sampledKeys();
    return Object.fromEntries(
      mutants.map((m) => [
        m.id,
        keys.has(sampleKey(relative(ROOT, m.fileName), m.mutatorName, m.replacement, m.location))
          ? { status: CheckStatus.Passed }
          : { status: CheckStatus.CompileError, reason: OUTSIDE_THE_SAMPLE },
      ]),
    );
  },
};

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'pymem-counters', COUNTER_IGNORER),
  declareValuePlugin(PluginKind.Checker, 'pymem-sample', sampleChecker),
];
