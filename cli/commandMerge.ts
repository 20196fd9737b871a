/*
 * `pymem merge DIR...`: combine campaign directories — shards of one campaign, or the same campaign on
 * several machines — into one (fuzz/store/mergeCampaigns.ts). Exits as `pymem fuzz` does on the
 * merged directory: 1 when it holds findings, 0 when it holds none.
 */
import { describeBugs } from '../fuzz/report/summary.js';
import { mergeCampaigns } from '../fuzz/store/mergeCampaigns.js';
import { EXIT } from '../io/exitCodes.js';
import { defineCommand } from './commandSpec.js';
import { path } from './flagValues.js';

export const mergeCommand = defineCommand({
  name: 'merge',
  summary: 'combine campaign directories (shards, machines) into one',
  about:
    'Combines the directories of one campaign — its shards, or runs on several machines — into a new directory: the ' +
    'counters added up, the corpora joined, the findings deduplicated by signature. The result can be reported on ' +
    'and replayed like any campaign, but not resumed (resume the shards instead).',
  operands: [{ name: 'DIR', help: 'the campaign directories to combine', count: 'many' }],
  flags: {
    out: { value: 'DIR', help: 'the directory to create; it must not exist or be empty', parse: path, default: 'pymem-merged' },
  },
  exits: { ok: 'the merged directory holds no finding', failed: 'it holds findings (listed, each replayable with pymem replay)' },
  run({ values, operands }, io) {
    const { state, corpus, findings, notes } = mergeCampaigns(operands, values.out);
    for (const note of notes) io.out(`note: ${note}\n`);
    const c = state.counters;
    io.out(`merged ${operands.length} director${operands.length === 1 ? 'y' : 'ies'} into ${values.out}: ${c.programs} programs, ` +
      `${c.statements} statements, corpus ${corpus}, ${c.failures} failing programs, ${findings.length} finding${findings.length === 1 ? '' : 's'}\n`);
    io.out(describeBugs(values.out, findings));
    return findings.length > 0 ? EXIT.failed : EXIT.ok;
  },
});
