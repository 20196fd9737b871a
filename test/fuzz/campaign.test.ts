/*
 * `pymem fuzz` on pymem's own implementation: a short campaign on one worker finds nothing and leaves
 * the files of docs/campaign.md, each of them whole; SIGINT stops it cleanly (exit 3) and --resume
 * continues it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCampaignState } from '../../fuzz/store/campaignState.js';
import { readCorpus } from '../../fuzz/store/corpusStore.js';
import { readFindings } from '../../fuzz/store/findingStore.js';
import { readStats } from '../../fuzz/store/statsFile.js';
import { pymem, sleep, startPymem, tempDir } from './runPymem.js';

describe('pymem fuzz on the real implementation', () => {
  it('finds nothing and writes campaign.json, stats.jsonl, corpus/ and findings/', async () => {
    const out = join(tempDir('campaign'), 'c');
    const run = await pymem(['fuzz', '--workers', '1', '--runs', '700', '--time', '2m', '--seed', 'test', '--out', out]);
    expect(run.stderr.split('\n').filter((l) => /Error|at /.test(l))).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/done after .*: 700 programs .* 0 findings/);
    const state = readCampaignState(join(out, 'campaign.json'));
    expect(state).toMatchObject({ seed: 'test', nextOrdinal: 700, shard: { index: 0, count: 1 }, engine: { kind: 'builtin' } });
    expect(state.counters).toMatchObject({ programs: 700, failures: 0 });
    expect(state.counters.fresh + state.counters.mutants).toBe(700);
    expect(state.versions.node).toBe(process.versions.node);
    expect(readStats(out).length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'stats.jsonl'), 'utf8').endsWith('\n')).toBe(true);
    const corpus = readCorpus(out);
    expect(corpus.length).toBeGreaterThan(20);
    expect(new Set(corpus.flatMap((e) => e.features)).size).toBeGreaterThan(100);
    expect(readFindings(out)).toEqual([]);
    expect(existsSync(join(out, 'findings'))).toBe(true);
  }, 90_000);

  it('stops cleanly on SIGINT (exit 3) and --resume continues the counters', async () => {
    const out = join(tempDir('sigint'), 'c');
    const { child, done } = startPymem(['fuzz', '--workers', '1', '--time', '5m', '--out', out]);
    // Interrupt once programs have been committed (a loaded machine can take more than one checkpoint to start the worker).
    while (!existsSync(join(out, 'stats.jsonl')) || !readStats(out).some((s) => s.programs > 0)) await sleep(100);
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/interrupted after/);
    expect(run.stdout).toContain('--resume');
    const before = readCampaignState(join(out, 'campaign.json')).counters.programs;
    expect(before).toBeGreaterThan(0);
    const resumed = await pymem(['fuzz', '--workers', '1', '--runs', String(before + 200), '--time', '2m', '--out', out, '--resume']);
    expect(resumed.code).toBe(0);
    const state = readCampaignState(join(out, 'campaign.json'));
    expect(state.counters.programs).toBe(before + 200);
    expect(state.counters.sessions).toBe(2);
  }, 90_000);
});
