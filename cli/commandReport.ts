/*
 * `pymem report DIR`: write DIR/report.html for a campaign or a merged directory (fuzz/report/report.ts).
 */
import { writeReport } from '../fuzz/report/report.js';
import { EXIT } from '../io/exitCodes.js';
import { defineCommand } from './commandSpec.js';
import { engineLoader } from './engines.js';

export const reportCommand = defineCommand({
  name: 'report',
  summary: "write DIR/report.html: a campaign's progress, coverage and findings",
  about:
    'Writes DIR/report.html for a campaign directory (or one made by pymem merge): programs and statements per second ' +
    'and coverage over time, the statistics of the programs run, and every finding with its program and a picture of ' +
    'the heap where it fails. The page is self-contained: open it in a browser, or archive it with the campaign.',
  operands: [{ name: 'DIR', help: 'a campaign directory (pymem fuzz --out DIR, or pymem merge --out DIR)', count: 'one' }],
  flags: {},
  exits: { ok: 'the report was written' },
  async run({ operands }, io) {
    io.out(`wrote ${await writeReport(operands[0], engineLoader)}\n`);
    return EXIT.ok;
  },
});
