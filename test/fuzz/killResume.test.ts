/*
 * Durability (docs/campaign.md#whole-files): a campaign killed with SIGKILL at random moments leaves
 * only whole, parseable files, and resumed each time it ends with exactly the findings and corpus of the
 * same campaign run without interruption — no finding lost, none invented. scripts/kill-resume.sh does
 * the same with 20 kills; this test does a few, to stay within the CI budget.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCampaignState } from '../../fuzz/store/campaignState.js';
import { readCorpus } from '../../fuzz/store/corpusStore.js';
import { readFindings } from '../../fuzz/store/findingStore.js';
import { readStats } from '../../fuzz/store/statsFile.js';
import { filesOf, pymem, sleep, startPymem, tempDir } from './runPymem.js';

const KILLS = 4;
const RUN = ['--canary', '--seed', 'kill-test', '--runs', '4000', '--workers', '2', '--time', '5m'];

function checkWhole(dir: string): { nextOrdinal: number; findings: string[] } {
  const state = readCampaignState(join(dir, 'campaign.json'));
  readStats(dir);
  readCorpus(dir);
  return { nextOrdinal: state.nextOrdinal, findings: readFindings(dir).map((f) => `${f.signature}:${f.status}`) };
}

describe('kill -9 and --resume', () => {
  it(`loses no finding over ${KILLS} kills and ends as an uninterrupted campaign`, async () => {
    const dir = tempDir('kill');
    const reference = join(dir, 'reference');
    const killed = join(dir, 'killed');
    const referenceRun = pymem(['fuzz', ...RUN, '--out', reference]);
    const seen: string[] = [];
    let kills = 0;
    for (let k = 0; k < KILLS; k++) {
      const { child, done } = startPymem(['fuzz', ...RUN, '--out', killed, ...(k > 0 ? ['--resume'] : [])]);
      await sleep(400 + Math.floor(Math.random() * 1600));
      child.kill('SIGKILL');
      const run = await done;
      if (run.signal !== 'SIGKILL') {
        // A fast machine finished the campaign before the kill: what follows still checks it.
        expect(run.code, run.stderr).toBe(1);
        break;
      }
      kills++;
      const whole = checkWhole(killed);
      seen.push(...whole.findings.filter((f) => f.endsWith(':shrunk')));
    }
    expect(kills).toBeGreaterThan(0);
    const last = await pymem(['fuzz', ...RUN, '--out', killed, '--resume']);
    expect(last.code, last.stderr).toBe(1);
    expect((await referenceRun).code).toBe(1);
    const final = checkWhole(killed);
    expect(final.nextOrdinal).toBe(4000);
    for (const f of seen) expect(final.findings).toContain(f);
    expect(filesOf(join(killed, 'findings'))).toEqual(filesOf(join(reference, 'findings')));
    expect(filesOf(join(killed, 'corpus'))).toEqual(filesOf(join(reference, 'corpus')));
  }, 120_000);
});
