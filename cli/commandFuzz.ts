/*
 * `pymem fuzz`: an overnight campaign (docs/campaign.md, fuzz/campaign/). Exit 0 when the campaign directory
 * holds no finding, 1 when it holds some, 2 on bad usage, 3 when interrupted (SIGINT, SIGTERM).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_PROGRAM_TIMEOUT_MS, DEFAULT_SEED, runCampaign } from '../fuzz/campaign/campaign.js';
import { formatDuration } from '../fuzz/campaign/progressLine.js';
import type { EngineChoice } from '../fuzz/protocol/engineChoice.js';
import { describeBugs } from '../fuzz/report/summary.js';
import { EXIT } from '../io/exitCodes.js';
import { defineCommand } from './commandSpec.js';
import { canaryChoice, engineLoader } from './engines.js';
import { duration, path, seed, shard, wholeNumber } from './flagValues.js';
import { CONTRACT, CPYTHON, IMPL } from './sharedFlags.js';
import { CPYTHON_VERSIONS, DEFAULT_CPYTHON } from '../language/ast.js';

const DEFAULT_OUT = 'pymem-campaign';

export const fuzzCommand = defineCommand({
  name: 'fuzz',
  summary: 'a fuzzing campaign: generated programs checked in lockstep on every core',
  about:
    'Generates programs from the seed, mutates the ones that reach new coverage, and checks each in lockstep on the ' +
    'model and the engine, on every core, until the time is up. Every failure is shrunk to a small program and saved ' +
    'in the campaign directory as a finding; the corpus, the counters and the findings survive a kill, and --resume ' +
    'continues where the campaign stopped. Run without --out a second time, it continues its own campaign.',
  operands: [],
  flags: {
    time: { value: 'D', help: 'how long this session runs: 8h, 30m, 60s, 1h30m', parse: duration('1s', '1000h'), default: '60s' },
    workers: { value: 'N', help: 'worker processes (default: one per core, os.availableParallelism())', parse: wholeNumber(1, 1024) },
    seed: { value: 'S', help: `the campaign seed, from which program i is derived together with i (default ${DEFAULT_SEED})`, parse: seed },
    out: { value: 'DIR', help: `the campaign directory (default ${DEFAULT_OUT}, continued if it holds a campaign)`, parse: path },
    impl: IMPL,
    contract: CONTRACT,
    cpython: { ...CPYTHON, help: `the CPython version profile the programs run under: ${CPYTHON_VERSIONS.join(', ')} (docs/cpython-versions.md; default ${DEFAULT_CPYTHON}; a resumed campaign keeps its own)` },
    canary: { help: 'check the built-in planted bug instead: the campaign must report it', excludes: ['impl'] },
    shard: { value: 'I/N', help: 'run only the programs i with i mod N = I (0-based), one shard per machine', parse: shard },
    resume: { help: 'continue the campaign in --out: its counters, corpus and findings (one stopped before its first checkpoint starts afresh)' },
    runs: { value: 'N', help: 'stop once the campaign has run N programs in all', parse: wholeNumber(1, Number.MAX_SAFE_INTEGER) },
    timeout: {
      value: 'D',
      help: `a program running longer is a finding of kind hang (default ${DEFAULT_PROGRAM_TIMEOUT_MS / 1000}s)`,
      parse: duration('100ms', '24h'),
    },
    'memory-limit': {
      value: 'MB',
      help: `a worker's heap limit; a worker dying of it is a finding of kind crash (default ${DEFAULT_MEMORY_LIMIT_MB})`,
      parse: wholeNumber(64, 1_000_000),
    },
  },
  exits: {
    ok: 'the campaign directory holds no finding',
    failed: 'it holds findings (listed at the end, each replayable with pymem replay)',
    interrupted: 'interrupted by SIGINT or SIGTERM; continue with --resume',
  },
  async run({ values }, io) {
    const engine: EngineChoice | undefined = values.canary ? canaryChoice() : values.impl;
    const dir = values.out ?? DEFAULT_OUT;
    // Running the README's command again continues its campaign rather than refusing the directory.
    const continueDefault = values.out === undefined && !values.resume && existsSync(join(dir, 'campaign.json'));
    const outcome = await runCampaign({
      dir,
      resume: values.resume || continueDefault,
      seed: values.seed,
      shard: values.shard,
      engine: engine ?? (values.resume || continueDefault ? undefined : { kind: 'builtin' }),
      contract: values.contract,
      cpython: values.cpython,
      programTimeoutMs: values.timeout,
      memoryLimitMb: values['memory-limit'],
      timeMs: values.time,
      runs: values.runs ?? null,
      workers: values.workers ?? availableParallelism(),
      io,
      tty: process.stderr.isTTY === true,
      engines: engineLoader,
      // --time counts from when the user started pymem: loading and worker start included.
      startedAt: performance.timeOrigin,
    });
    const { state, findings } = outcome;
    const c = state.counters;
    io.out(`${outcome.interrupted ? 'interrupted' : 'done'} after ${formatDuration(c.elapsedMs)}: ${c.programs} programs ` +
      `(${c.fresh} fresh, ${c.mutants} mutants), ${c.statements} statements, ${outcome.features} features, corpus ${outcome.corpus}, ` +
      `${c.failures} failing programs, ${findings.length} finding${findings.length === 1 ? '' : 's'}\n`);
    io.out(describeBugs(dir, findings));
    if (outcome.interrupted) {
      io.out(`continue with: npx pymem fuzz --out ${dir} --resume\n`);
      return EXIT.interrupted;
    }
    return findings.length > 0 ? EXIT.failed : EXIT.ok;
  },
});
