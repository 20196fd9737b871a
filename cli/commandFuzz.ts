/*
 * `pymem fuzz [--time 60s] [--workers N] [--seed S] [--out DIR] [--impl MODULE | --canary] [--shard I/N]
 * [--resume] [--runs N] [--timeout 10s] [--memory-limit MB]`: an overnight campaign (SPEC §6–§7,
 * fuzz/campaign/). Exit 0 when the campaign directory holds no finding, 1 when it holds some, 2 on bad
 * usage, 3 when interrupted (SIGINT, SIGTERM).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_SEED, runCampaign } from '../fuzz/campaign/campaign.js';
import { parseCount, parseDuration, parseSeed, parseShard } from '../fuzz/campaign/campaignFlags.js';
import { describeFindingLine } from '../fuzz/report/summary.js';
import type { EngineChoice } from '../fuzz/protocol/engineChoice.js';
import { canaryChoice, engineLoader, moduleChoice } from './engines.js';
import { formatDuration } from '../fuzz/campaign/progressLine.js';
import { parseCommandArgs } from './args.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';

const DEFAULT_OUT = 'pymem-campaign';

export const FUZZ_USAGE =
  '[--time 60s] [--workers N] [--seed S] [--out DIR] [--impl MODULE | --canary] [--shard I/N] [--resume] [--runs N] [--timeout 10s] [--memory-limit MB]';

const FLAGS = `flags:
  --time D           how long this session runs: 8h, 30m, 60s, 1h30m (default 60s)
  --workers N        worker processes (default: every core, os.availableParallelism())
  --seed S           the campaign seed (default ${DEFAULT_SEED}); program i derives from (seed, i)
  --out DIR          the campaign directory (default pymem-campaign, continued if it exists)
  --impl MODULE      check your own memory manager: a module exporting createEngine (README "Plug-ins")
  --canary           check the built-in planted bug instead: the campaign must report it
  --shard I/N        run the programs i with i mod N = I (0-based), for N machines
  --resume           continue the campaign in --out: counters, corpus, findings
  --runs N           stop once the campaign has run N programs in total
  --timeout D        a program running longer is a finding of kind hang (default 10s)
  --memory-limit MB  a worker's heap limit; a worker dying of it is a finding of kind crash (default ${DEFAULT_MEMORY_LIMIT_MB})
exit: 0 no findings, 1 findings, 2 bad usage, 3 interrupted (resume with --resume)
`;

export async function commandFuzz(args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: pymem fuzz ${FUZZ_USAGE}

${FLAGS}`);
    return EXIT.ok;
  }
  const { values, positionals } = parseCommandArgs('fuzz', args, {
    time: { type: 'string' },
    workers: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    impl: { type: 'string' },
    canary: { type: 'boolean' },
    shard: { type: 'string' },
    resume: { type: 'boolean' },
    runs: { type: 'string' },
    timeout: { type: 'string' },
    'memory-limit': { type: 'string' },
  }, FUZZ_USAGE);
  if (positionals.length > 0) throw new UsageError([`pymem fuzz: unexpected argument '${positionals[0]}'`, `usage: pymem fuzz ${FUZZ_USAGE}`]);
  if (values.impl !== undefined && values.canary) throw new UsageError(['--impl and --canary exclude each other: --canary runs the built-in planted bug']);
  const engine: EngineChoice | undefined = values.canary ? canaryChoice() : values.impl !== undefined ? moduleChoice(values.impl) : undefined;
  const dir = values.out ?? DEFAULT_OUT;
  // Running the README's command again continues its campaign rather than refusing the directory.
  const continueDefault = values.out === undefined && !values.resume && existsSync(join(dir, 'campaign.json'));
  const outcome = await runCampaign({
    dir,
    resume: (values.resume ?? false) || continueDefault,
    seed: values.seed === undefined ? undefined : parseSeed(values.seed),
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    engine: engine ?? (values.resume || continueDefault ? undefined : { kind: 'builtin' }),
    programTimeoutMs: values.timeout === undefined ? undefined : parseDuration('timeout', values.timeout),
    memoryLimitMb: values['memory-limit'] === undefined ? undefined : parseCount('memory-limit', values['memory-limit'], 64, 1_000_000),
    timeMs: parseDuration('time', values.time ?? '60s'),
    runs: values.runs === undefined ? null : parseCount('runs', values.runs, 1, Number.MAX_SAFE_INTEGER),
    workers: values.workers === undefined ? availableParallelism() : parseCount('workers', values.workers, 1, 1024),
    io,
    tty: process.stderr.isTTY === true,
    engines: engineLoader,
  });
  const { state, findings } = outcome;
  const c = state.counters;
  io.out(`${outcome.interrupted ? 'interrupted' : 'done'} after ${formatDuration(c.elapsedMs)}: ${c.programs} programs ` +
    `(${c.fresh} fresh, ${c.mutants} mutants), ${c.statements} statements, ${outcome.features} features, corpus ${outcome.corpus}, ` +
    `${c.failures} failing programs, ${findings.length} finding${findings.length === 1 ? '' : 's'}\n`);
  for (const f of findings) io.out(describeFindingLine(dir, f) + '\n');
  if (outcome.interrupted) {
    io.out(`continue with: npx pymem fuzz --out ${dir} --resume\n`);
    return EXIT.interrupted;
  }
  return findings.length > 0 ? EXIT.failed : EXIT.ok;
}
