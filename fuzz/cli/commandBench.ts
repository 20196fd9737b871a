/*
 * `pymem bench [--json] [--quick]`: the benchmarks of SPEC §8, each next to its anchor and target.
 * --quick runs every benchmark at a small size (a smoke run; its numbers mean little).
 */
import { FULL_SIZES, QUICK_SIZES, formatBench, runBench } from '../bench/runBench.js';
import { parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Io } from './io.js';

export function commandBench(args: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs('bench', args, { json: { type: 'boolean' }, quick: { type: 'boolean' } }, '[--json] [--quick]');
  if (positionals.length > 0) throw new UsageError([`pymem bench: unexpected argument '${positionals[0]}'`, 'usage: pymem bench [--json] [--quick]']);
  const result = runBench(values.quick ? QUICK_SIZES : FULL_SIZES, values.json ? undefined : (l) => io.err(`bench: ${l}\n`));
  io.out(values.json ? JSON.stringify(result, null, 2) + '\n' : formatBench(result));
  return EXIT.ok;
}
