/*
 * A plug-in that hangs, throws, or runs out of memory (fixtures/misbehavingEngine.mjs): a hang past
 * --timeout and a worker that dies are findings of their own kind, the worker is replaced, and the
 * campaign runs to the end; an exception is a crash shrunk like any finding; each replays.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCampaignState } from '../../fuzz/store/campaignState.js';
import { readFindings } from '../../fuzz/store/findingStore.js';
import { pymem, REPO, tempDir } from './runPymem.js';

const PLUGIN = join(REPO, 'test', 'fuzz', 'fixtures', 'misbehavingEngine.mjs');
/** The statement each mode misbehaves on, as printed. */
const TRIGGER: Record<string, string> = { hang: 'gc.freeze()', throw: 'gc.set_threshold(', oom: 'gc.disable()' };

async function campaign(mode: string, runs: number, timeout: string) {
  const out = join(tempDir(mode), 'c');
  const env = { PYMEM_TEST_MISBEHAVE: mode };
  const args = ['fuzz', '--impl', PLUGIN, '--runs', String(runs), '--workers', '2', '--time', '2m', '--timeout', timeout, '--memory-limit', '96', '--out', out];
  const run = await pymem(args, env);
  expect(run.code, run.stderr).toBe(1);
  expect(readCampaignState(join(out, 'campaign.json')).counters.programs).toBe(runs);
  const findings = readFindings(out);
  // Replayed: a finding of the plug-in's misbehaviour (on a loaded machine, some other program could also
  // have outrun a short --timeout once; such a finding would not reproduce).
  const replayed = findings.find((f) => f.program.includes(TRIGGER[mode]));
  expect(replayed, JSON.stringify(findings.map((f) => f.program))).toBeDefined();
  const replay = await pymem(['replay', join(out, 'findings', `${replayed!.signature}.json`)], env);
  return { findings, replay };
}

describe('hangs and crashes', () => {
  it('a hang is a finding of kind hang, and the campaign goes on', async () => {
    const { findings, replay } = await campaign('hang', 120, '500ms');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f).toMatchObject({ kind: 'hang', status: 'as-found' });
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('reproduced: hang');
  }, 120_000);

  it('an exception is a crash, shrunk to the statement that throws', async () => {
    const { findings, replay } = await campaign('throw', 200, '10s');
    expect(findings.map((f) => [f.kind, f.status, f.program.trim().split('\n').at(-1)?.slice(0, 16)]))
      .toContainEqual(['crash', 'shrunk', 'gc.set_threshold']);
    expect(replay.stdout).toContain('reproduced: crash: Error: the plug-in cannot set thresholds');
  }, 120_000);

  it('a worker out of memory is a crash, and the campaign goes on', async () => {
    const { findings, replay } = await campaign('oom', 60, '20s');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.message).toContain('ran out of memory');
    expect(replay.stdout).toContain('reproduced: crash: the worker ran out of memory');
  }, 120_000);
});
