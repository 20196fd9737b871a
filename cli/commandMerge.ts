/*
 * `pymem merge DIR... [--out DIR]`: combine campaign directories — shards of one campaign, or the
 * same campaign on several machines — into one (fuzz/store/mergeCampaigns.ts). Exit 1 when the
 * merged directory holds findings (as `pymem fuzz`), 0 when it holds none, 2 on bad input.
 */
import { mergeCampaigns } from '../fuzz/store/mergeCampaigns.js';
import { describeFindingLine } from '../fuzz/report/summary.js';
import { parseCommandArgs } from './args.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';

const USAGE = 'DIR... [--out DIR]';

export function commandMerge(args: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs('merge', args, { out: { type: 'string' } }, USAGE);
  if (positionals.length < 1) throw new UsageError(['pymem merge: expected campaign directories to merge', `usage: pymem merge ${USAGE}`]);
  const out = values.out ?? 'pymem-merged';
  const { state, corpus, findings } = mergeCampaigns(positionals, out);
  const c = state.counters;
  io.out(`merged ${positionals.length} director${positionals.length === 1 ? 'y' : 'ies'} into ${out}: ${c.programs} programs, ` +
    `${c.statements} statements, corpus ${corpus}, ${c.failures} failing programs, ${findings.length} finding${findings.length === 1 ? '' : 's'}\n`);
  for (const f of findings) io.out(describeFindingLine(out, f) + '\n');
  return findings.length > 0 ? EXIT.failed : EXIT.ok;
}
