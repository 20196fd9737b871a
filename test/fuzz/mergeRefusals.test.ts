/*
 * `pymem merge` sums counters, which means something only for campaigns that ran different programs of
 * one engine under one contract: the same directory twice, the same campaign twice (also inside a
 * merged directory), shards of one seed cut differently, different engines, contract levels or CPython
 * versions are refused (a UsageError: exit 2) before anything is written; different seeds are merged
 * and said. Campaign directories are written here by hand (campaign.json only): merge reads nothing else
 * it needs.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonAtomically } from '../../io/atomicFiles.js';
import { UsageError } from '../../io/usageError.js';
import { campaignFile } from '../../fuzz/store/campaignDirectory.js';
import { CAMPAIGN_FORMAT, type CampaignState, newCounters } from '../../fuzz/store/campaignState.js';
import { mergeCampaigns } from '../../fuzz/store/mergeCampaigns.js';
import { tempDir } from './runPymem.js';

const root = tempDir('merge-refusals');
let made = 0;

// campaign.json as written before the profile existed when `fields` names none (reading it gives 3.11).
type OlderState = Omit<CampaignState, 'cpython'> & Partial<Pick<CampaignState, 'cpython'>>;

function campaign(fields: Partial<CampaignState> = {}): string {
  const dir = join(root, `c${made++}`);
  mkdirSync(dir, { recursive: true });
  const state: OlderState = {
    format: CAMPAIGN_FORMAT, version: 1, seed: '1', shard: { index: 0, count: 1 }, engine: { kind: 'builtin' },
    settings: { maxStatements: 60, programTimeoutMs: 10_000, memoryLimitMb: 2048, epochSize: 256, freshShare: 0.5 },
    versions: { pymem: '0', node: '0' }, nextOrdinal: 10, counters: { ...newCounters(), programs: 10 }, failuresByLabel: {},
    featuresByOrigin: { fresh: 0, mutant: 0 }, kinds: {}, events: {}, startedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
  writeJsonAtomically(campaignFile(dir), state);
  return dir;
}

function refusal(dirs: string[]): string {
  const out = join(root, `out${made++}`);
  try {
    mergeCampaigns(dirs, out);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect(existsSync(out), 'nothing is written').toBe(false);
    return (e as UsageError).message;
  }
  throw new Error('merged, but should have been refused');
}

describe('pymem merge refuses what it cannot sum', () => {
  it('the same directory twice, by path or through a link', () => {
    const a = campaign();
    expect(refusal([a, a])).toMatch(/named twice|same directory/);
    const link = join(root, 'link');
    symlinkSync(a, link);
    expect(refusal([a, link])).toMatch(/same directory/);
  });

  it('the same campaign twice, also inside a merged directory, and one seed cut into shards differently', () => {
    expect(refusal([campaign(), campaign()])).toMatch(/same campaign \(seed 1, shard 0\/1\)/);
    const merged = campaign({ seed: '1,2', mergedFrom: [{ dir: 'x', seed: '1', shard: { index: 0, count: 2 } }, { dir: 'y', seed: '2', shard: { index: 0, count: 1 } }] });
    expect(refusal([merged, campaign({ seed: '2' })])).toMatch(/same campaign \(seed 2, shard 0\/1\)/);
    expect(refusal([campaign({ shard: { index: 0, count: 2 } }), campaign({ shard: { index: 1, count: 3 } })])).toMatch(/into shards differently/);
  });

  it('different engines, contract levels or CPython versions (absent: cpython, 3.11)', () => {
    expect(refusal([campaign(), campaign({ seed: '2', engine: { kind: 'canary', bug: 'pymalloc-free-list-fifo' } })])).toMatch(/different engines/);
    expect(refusal([campaign(), campaign({ seed: '2', contract: 'reachability' })])).toMatch(/different contract levels/);
    expect(refusal([campaign({ cpython: '3.12' }), campaign({ seed: '2' })])).toMatch(/different CPython versions .*: 3\.12; .*: 3\.11/);
    // Absent fields mean what every campaign before them checked.
    const out = join(root, 'same-defaults');
    expect(mergeCampaigns([campaign({ contract: 'cpython', cpython: '3.11', shard: { index: 0, count: 2 } }), campaign({ shard: { index: 1, count: 2 } })], out).notes).toEqual([]);
  });

  it('merges different seeds and says what it combined', () => {
    const out = join(root, 'seeds');
    const { notes, state } = mergeCampaigns([campaign({ seed: '7' }), campaign({ seed: '8' })], out);
    expect(notes.join('\n')).toMatch(/combined 2 campaigns of different seeds \(7, 8\)/);
    expect(state.counters.programs).toBe(20);
    expect(state.bugs).toEqual([]);
  });
});
