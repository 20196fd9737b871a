/*
 * `pymem report DIR`: write DIR/report.html for a campaign or a merged directory (fuzz/campaign/report.ts).
 */
import { writeReport } from '../campaign/report.js';
import { parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Io } from './io.js';

export async function commandReport(args: string[], io: Io): Promise<number> {
  const { positionals } = parseCommandArgs('report', args, {}, 'DIR');
  if (positionals.length !== 1) throw new UsageError(['pymem report: expected one campaign directory', 'usage: pymem report DIR']);
  io.out(`wrote ${await writeReport(positionals[0])}\n`);
  return EXIT.ok;
}
