// Records the fixed-seed CI run's statistics (properties/statistics/ciRun.ts) as the baseline that
// properties/statistics/whatMoved.ts compares a run with when one of its minimums goes red:
// test/properties/statisticsBaseline.json. Refresh it (`npm run stats:baseline`, which builds first)
// after a deliberate change to the generator, the model or the implementation, in the same commit.
// usage: node scripts/statistics-baseline.mjs
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const compiled = (path) => import(pathToFileURL(resolve(root, 'dist', path)).href);
const { ciStatistics, CI_SEED } = await compiled('properties/statistics/ciRun.js');
const { statisticsBaseline } = await compiled('properties/statistics/whatMoved.js');
const { createEngine } = await compiled('impl/engine.js');
const file = resolve(root, 'test/properties/statisticsBaseline.json');
const baseline = statisticsBaseline(ciStatistics(createEngine), CI_SEED);
// One statistic a line, so that a refreshed baseline diffs by the statistics that moved.
const { tallies, ...head } = baseline;
const lines = Object.entries(tallies).map(([key, tally]) => `  ${JSON.stringify(key)}: ${JSON.stringify(tally)}`);
writeFileSync(file, `${JSON.stringify(head).slice(0, -1)},\n "tallies": {\n${lines.join(',\n')}\n }\n}\n`);
console.log(`wrote test/properties/statisticsBaseline.json (${baseline.programs} programs, ${Object.keys(baseline.tallies).length} statistics)`);
