/*
 * `pymem report DIR`: write DIR/report.html for a campaign or a merged directory (fuzz/report/report.ts).
 */
import { writeReport } from '../fuzz/report/report.js';
import { parseCommandArgs } from './args.js';
import { engineLoader } from './engines.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';

export async function commandReport(args: string[], io: Io): Promise<number> {
  const { positionals } = parseCommandArgs('report', args, {}, 'DIR');
  if (positionals.length !== 1) throw new UsageError(['pymem report: expected one campaign directory', 'usage: pymem report DIR']);
  io.out(`wrote ${await writeReport(positionals[0], engineLoader)}\n`);
  return EXIT.ok;
}
