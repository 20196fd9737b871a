/*
 * Scale-out: two shards of one campaign run disjoint programs, and `pymem merge` gives the union of
 * their findings, each once (a finding both found lists the indices of both), the union of their
 * corpus, and summed counters; the merged directory reports but cannot be resumed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCampaignState } from '../../fuzz/store/campaignState.js';
import { readFindings } from '../../fuzz/store/findingStore.js';
import { pymem, tempDir } from './runPymem.js';

describe('pymem fuzz --shard and pymem merge', () => {
  it('merges two shards into the union of their findings with no duplicates', async () => {
    const dir = tempDir('shards');
    const shard = (i: number) => join(dir, `shard-${i}`);
    const runs = await Promise.all([0, 1].map((i) =>
      pymem(['fuzz', '--canary', '--seed', 'shards', '--runs', '500', '--workers', '1', '--time', '2m', '--shard', `${i}/2`, '--out', shard(i)])));
    for (const run of runs) expect(run.code, run.stderr).toBe(1);
    const [a, b] = [0, 1].map((i) => readFindings(shard(i)));
    for (const f of a) expect(f.indices.every((i) => i % 2 === 0)).toBe(true);
    for (const f of b) expect(f.indices.every((i) => i % 2 === 1)).toBe(true);

    const merged = join(dir, 'merged');
    const run = await pymem(['merge', shard(0), shard(1), '--out', merged]);
    expect(run.code, run.stderr).toBe(1);
    const findings = readFindings(merged);
    const union = new Set([...a, ...b].map((f) => f.signature));
    expect(findings.map((f) => f.signature)).toEqual([...union].sort());
    for (const f of findings) {
      const indices = [...a, ...b].filter((g) => g.signature === f.signature).flatMap((g) => g.indices);
      expect(f.indices).toEqual([...new Set(indices)].sort((x, y) => x - y));
    }
    const state = readCampaignState(join(merged, 'campaign.json'));
    expect(state.counters.programs).toBe(1000);
    expect(state.mergedFrom?.map((m) => m.shard)).toEqual([{ index: 0, count: 2 }, { index: 1, count: 2 }]);

    expect((await pymem(['report', merged])).code).toBe(0);
    const resume = await pymem(['fuzz', '--out', merged, '--resume']);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('made by pymem merge');
  }, 120_000);
});
