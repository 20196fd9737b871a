/*
 * `pymem fuzz --canary`: against the built-in planted bug the pipeline must report a finding, shrunk,
 * confirmed by 5 replays, that `pymem replay` reproduces with the same invariant (and draws, with
 * --dot and --html), and that `pymem report` shows; campaign.json files every finding under one bug,
 * whose representative is the canonical program. The same seed gives byte-identical findings and corpus with
 * one worker or two.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFindings } from '../../fuzz/store/findingStore.js';
import { readCampaignState } from '../../fuzz/store/campaignState.js';
import { CANARY } from '../../plantedBugs/canary.js';
import { plantedBug } from '../../plantedBugs/catalog.js';
import { filesOf, pymem, startPymem, tempDir } from './runPymem.js';

const RUN = ['--canary', '--runs', '700', '--time', '2m', '--seed', 'canary-test'];

describe('pymem fuzz --canary', () => {
  const dir = tempDir('canary');
  const two = join(dir, 'two-workers');
  const one = join(dir, 'one-worker');
  const expected = plantedBug(CANARY).invariant;

  beforeAll(async () => {
    const runs = await Promise.all([pymem(['fuzz', ...RUN, '--workers', '2', '--out', two]), pymem(['fuzz', ...RUN, '--workers', '1', '--out', one])]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toContain(`${expected}-`);
    }
  }, 120_000);

  it('reports the planted bug as a shrunk, confirmed finding', () => {
    const findings = readFindings(two);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f).toMatchObject({ kind: 'divergence', invariant: expected, status: 'shrunk', engine: { kind: 'canary', bug: CANARY } });
      expect(f.replays).toEqual({ runs: 5, reproduced: 5 });
      expect(f.size).toBeLessThanOrEqual(f.originalSize);
      expect(f.signature.startsWith(`${expected}-`)).toBe(true);
      expect(f.trace?.model.length).toBeGreaterThan(0);
    }
  });

  it('files the planted bug as one bug in campaign.json, its simplest finding the representative', () => {
    const { bugs } = readCampaignState(join(two, 'campaign.json'));
    const findings = readFindings(two);
    expect(bugs).toHaveLength(1);
    expect(bugs![0].key).toMatch(new RegExp(`^${expected}: `));
    expect([...bugs![0].findings].sort()).toEqual(findings.map((f) => f.signature).sort());
    expect(findings.find((f) => f.signature === bugs![0].representative)?.program).toBe('v0 = Obj()\ndel v0\nv1 = []\n');
    for (const f of findings) expect(f.bug).toBe(bugs![0].key);
  });

  it('gives byte-identical findings and corpus with one worker or two', () => {
    expect(filesOf(join(one, 'findings'))).toEqual(filesOf(join(two, 'findings')));
    expect(filesOf(join(one, 'corpus'))).toEqual(filesOf(join(two, 'corpus')));
  });

  it('replays each finding to the same invariant, with the program, the difference and a heap picture', async () => {
    const [first] = readFindings(two);
    const file = join(two, 'findings', `${first.signature}.json`);
    const dot = join(dir, 'heap.dot');
    const page = join(dir, 'replay.html');
    const run = await pymem(['replay', file, '--dot', dot, '--html', page]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`reproduced: ${expected} at step ${first.step}`);
    expect(run.stdout).toMatch(/^>> +\d+ {2}\S/m);
    expect(readFileSync(dot, 'utf8')).toMatch(/^digraph heap \{/);
    expect(readFileSync(join(dir, 'heap.svg'), 'utf8')).toMatch(/<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(run.stdout).toContain(`replay page: ${page} (reproduced)`);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain(first.signature);
    expect(html).not.toMatch(/<link|<script[^>]*\ssrc=|src="http/);
  }, 60_000);

  it('writes a self-contained report with every finding', async () => {
    const run = await pymem(['report', two]);
    expect(run.code).toBe(0);
    const html = readFileSync(join(two, 'report.html'), 'utf8');
    for (const f of readFindings(two)) expect(html).toContain(f.signature);
    expect(html).toContain('<svg');
    // Self-contained: scripts and styles inline, nothing loaded from elsewhere.
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/<link|<script[^>]*\ssrc=|src="http/);
    expect(existsSync(join(two, 'report.html'))).toBe(true);
  }, 60_000);

  it('keeps the report current with --watch until SIGINT, then leaves a page that no longer reloads', async () => {
    const { child, done } = startPymem(['report', two, '--watch', '--interval', '1s']);
    let said = '';
    await new Promise<void>((resolve) => child.stdout!.on('data', (d) => ((said += d), said.includes('watching:') && resolve())));
    expect(readFileSync(join(two, 'report.html'), 'utf8')).toMatch(/data-live-seconds="1"/);
    child.kill('SIGINT');
    const run = await done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`wrote ${join(two, 'report.html')}`);
    expect(readFileSync(join(two, 'report.html'), 'utf8')).not.toMatch(/data-live-seconds/);
  }, 60_000);
});
