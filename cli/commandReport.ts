/*
 * `pymem report DIR [--watch]`: write DIR/report.html for a campaign or a merged directory
 * (fuzz/report/report.ts); with --watch, keep rewriting it while the campaign runs, the page reloading
 * itself, until Ctrl-C (fuzz/report/watchReport.ts).
 */
import { writeReport } from '../fuzz/report/report.js';
import { DEFAULT_WATCH_SECONDS, watchReport } from '../fuzz/report/watchReport.js';
import { EXIT } from '../io/exitCodes.js';
import { defineCommand } from './commandSpec.js';
import { engineLoader } from './engines.js';
import { duration } from './flagValues.js';

export const reportCommand = defineCommand({
  name: 'report',
  summary: "write DIR/report.html: a campaign's progress, coverage and findings",
  about:
    'Writes DIR/report.html for a campaign directory (or one made by pymem merge): programs and statements per second ' +
    'and coverage over time, the statistics of the programs run, and every finding with its program and a picture of ' +
    'the heap where it fails. The page is self-contained: open it in a browser, or archive it with the campaign.',
  operands: [{ name: 'DIR', help: 'a campaign directory (pymem fuzz --out DIR, or pymem merge --out DIR)', count: 'one' }],
  flags: {
    watch: { help: 'keep the report current while the campaign runs: rewrite it every --interval, the open page reloading itself, until Ctrl-C' },
    interval: { value: 'D', help: 'with --watch, how often the report is rewritten', parse: duration('1s', '1h'), default: `${DEFAULT_WATCH_SECONDS}s` },
  },
  exits: { ok: 'the report was written (with --watch: the watch was stopped, the last report written)' },
  async run({ values, operands }, io) {
    if (!values.watch) {
      io.out(`wrote ${await writeReport(operands[0], engineLoader)}\n`);
      return EXIT.ok;
    }
    const stop = new AbortController();
    const interrupt = () => stop.abort();
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      let told = false;
      const file = await watchReport(operands[0], engineLoader, {
        intervalSeconds: values.interval / 1000,
        signal: stop.signal,
        onWrite: (written) => {
          if (!told) io.out(`watching: ${written} is rewritten every ${values.interval / 1000} s; open it in a browser, Ctrl-C stops\n`);
          told = true;
        },
        onError: (e) => io.err(`pymem report: ${e.message}\n`),
        onWaiting: () => io.out(`waiting for ${operands[0]}/campaign.json…\n`),
      });
      io.out(`wrote ${file}\n`);
      return EXIT.ok;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  },
});
