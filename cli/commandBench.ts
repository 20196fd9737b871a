/*
 * `pymem bench [--json] [--quick] [--only SECTIONS]`: the benchmarks of SPEC §8, each next to its anchor
 * and target. --quick runs every benchmark at a small size (a smoke run; its numbers mean little; the
 * planted bugs with one seed). Every section runs by default (the planted bugs take minutes); --only
 * runs some (comma-separated: mix, collector, scale, checked, planted).
 */
import { plantedBugFigures, PLANTED_SEEDS } from '../bench/plantedBugs.js';
import { FULL_SIZES, QUICK_SIZES, SECTIONS, formatBench, runBench, type Section } from '../bench/runBench.js';
import { parseCommandArgs } from './args.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';

const USAGE = `usage: pymem bench [--json] [--quick] [--only ${SECTIONS.join(',')}]`;

export async function commandBench(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'bench', args, { json: { type: 'boolean' }, quick: { type: 'boolean' }, only: { type: 'string' } }, USAGE.replace('usage: pymem bench ', ''),
  );
  if (positionals.length > 0) throw new UsageError([`pymem bench: unexpected argument '${positionals[0]}'`, USAGE]);
  const sections = values.only === undefined ? SECTIONS : values.only.split(',').map((s) => s.trim());
  const unknown = sections.find((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown !== undefined) throw new UsageError([`pymem bench: --only: no section '${unknown}' (sections: ${SECTIONS.join(', ')})`, USAGE]);
  const log = values.json ? undefined : (l: string) => io.err(`bench: ${l}\n`);
  const chosen = sections as Section[];
  const result = chosen.some((s) => s !== 'planted')
    ? runBench(values.quick ? QUICK_SIZES : FULL_SIZES, log, chosen)
    : { figures: [], notes: [] };
  if (chosen.includes('planted')) result.figures.push(...(await plantedBugFigures(values.quick ? 1 : PLANTED_SEEDS, log)));
  io.out(values.json ? JSON.stringify(result, null, 2) + '\n' : formatBench(result));
  return EXIT.ok;
}
