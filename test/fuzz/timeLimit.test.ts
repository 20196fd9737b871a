/*
 * `--time` is kept within a second (docs/campaign.md#time): at the time no batch goes out, and half a
 * second later the campaign closes with whatever is still in flight left for --resume. The engine here
 * takes 25 ms per statement, so one batch of 16 programs runs for seconds: a campaign that waited for
 * its batches in flight would overrun by that much. What is checked is the campaign's own clock
 * (campaign.json's elapsedMs, which starts with the command), not the test's, so load on the machine
 * does not make the test fail: the stop is driven by timers on the coordinator, which stays idle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pymem, REPO, tempDir } from './runPymem.js';

const PLUGIN = join(REPO, 'test', 'fuzz', 'fixtures', 'misbehavingEngine.mjs');

describe('pymem fuzz --time', () => {
  it('stops within a second of its time, however long the batches in flight would take', async () => {
    const out = join(tempDir('time'), 'campaign');
    const run = await pymem(['fuzz', '--impl', PLUGIN, '--time', '3s', '--workers', '1', '--timeout', '60s', '--seed', 'time', '--out', out],
      { PYMEM_TEST_MISBEHAVE: 'slow' });
    expect(run.code, run.stderr).toBe(0);
    const state = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
    expect(state.counters.elapsedMs).toBeGreaterThanOrEqual(3000);
    expect(state.counters.elapsedMs).toBeLessThanOrEqual(4000);
  }, 60_000);
});
