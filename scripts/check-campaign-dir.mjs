// Checks that every file of a campaign directory is whole and parseable, as pymem itself reads them
// (campaign.json, stats.jsonl, findings/*.json, corpus/*.py); prints one JSON line describing the
// directory: the next ordinal, the findings by status, the number of corpus files, stats lines, and any
// torn stats line. Exit 1 with the message when a file is broken. Needs dist/ (`npm run build`).
// usage: node scripts/check-campaign-dir.mjs DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCampaignState } from '../dist/fuzz/store/campaignState.js';
import { readCorpus } from '../dist/fuzz/store/corpusStore.js';
import { readFindings } from '../dist/fuzz/store/findingStore.js';
import { readStats } from '../dist/fuzz/store/statsFile.js';

const dir = process.argv[2];
try {
  const state = readCampaignState(join(dir, 'campaign.json'));
  const findings = readFindings(dir);
  const corpus = readCorpus(dir);
  const stats = readStats(dir);
  let torn = false;
  try {
    const text = readFileSync(join(dir, 'stats.jsonl'), 'utf8');
    torn = text.length > 0 && !text.endsWith('\n');
  } catch {}
  console.log(JSON.stringify({
    nextOrdinal: state.nextOrdinal, programs: state.counters.programs, statsLines: stats.length, tornStatsLine: torn,
    corpus: corpus.length, findings: findings.map((f) => `${f.signature}:${f.status}`),
  }));
} catch (e) {
  console.log(JSON.stringify({ broken: e.message }));
  process.exit(1);
}
