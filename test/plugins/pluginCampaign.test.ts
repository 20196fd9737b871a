/*
 * Campaigns on the example plug-ins, through the campaign library in-process (the command line's flags
 * are wired elsewhere): a 300-program campaign at the plug-in's declared level finds nothing; a planted
 * defect gives a finding that records its level and the plug-in as a path relative to the campaign
 * directory with its SHA-256, so that the directory, copied elsewhere next to its plug-in, replays — and
 * replay says when the plug-in changed since the finding, or takes another one instead.
 *
 * Workers run the compiled worker (dist/cli/campaignWorker.js): `npm test` builds first.
 */
import { appendFileSync, copyFileSync, cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlugin } from '../../contract/loadPlugin.js';
import { runCampaign } from '../../fuzz/campaign/campaign.js';
import type { EngineLoader } from '../../fuzz/protocol/engineChoice.js';
import { replayFinding } from '../../fuzz/replay/replayFinding.js';
import { findingFile } from '../../fuzz/store/findingStore.js';
import { REPO, tempDir } from '../fuzz/runPymem.js';

const engines: EngineLoader = {
  load: async (choice) => {
    if (choice.kind !== 'module') throw new Error(`this test loads plug-ins only, not ${choice.kind}`);
    return loadPlugin(choice.module);
  },
  workerModule: join(REPO, 'dist', 'cli', 'campaignWorker.js'),
};
const quiet = { out: () => {}, err: () => {} };

/** A work area with a copy of the example plug-in at plugins/NAME and campaigns beside it. */
function workArea(name: string): { root: string; plugin: string } {
  const root = tempDir('plugin-campaign');
  mkdirSync(join(root, 'plugins'));
  const plugin = join(root, 'plugins', name);
  copyFileSync(join(REPO, 'examples', 'plugins', name), plugin);
  return { root, plugin };
}

function campaign(dir: string, plugin: string, runs: number, contract?: 'reachability' | 'refcount') {
  return runCampaign({
    dir, resume: false, engine: { kind: 'module', module: plugin }, contract, runs, timeMs: Infinity, workers: 1, io: quiet, tty: false, engines,
  });
}

afterEach(() => {
  delete process.env.PYMEM_PLUGIN_DEFECT;
});

describe('a campaign on a plug-in', () => {
  it('markSweep.mjs at its declared level: 300 programs, no finding; the level and the relative path are recorded', async () => {
    const { root, plugin } = workArea('markSweep.mjs');
    const outcome = await campaign(join(root, 'campaign'), plugin, 300);
    expect(outcome.findings).toEqual([]);
    expect(outcome.state.counters.programs).toBe(300);
    const state = JSON.parse(readFileSync(join(root, 'campaign', 'campaign.json'), 'utf8'));
    expect(state.contract).toBe('reachability');
    expect(state.engine).toMatchObject({ kind: 'module', module: join('..', 'plugins', 'markSweep.mjs') });
    expect(state.engine.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('a planted defect becomes a finding that records its level, replays from a copied directory, and says when the plug-in changed', async () => {
    const { root, plugin } = workArea('refcountCycles.mjs');
    process.env.PYMEM_PLUGIN_DEFECT = 'late-refcount-death'; // inherited by the workers
    const outcome = await campaign(join(root, 'campaign'), plugin, 60, 'refcount');
    expect(outcome.findings.length).toBeGreaterThan(0);
    const finding = outcome.findings.find((f) => f.invariant === 'refcount-death-is-prompt')!;
    expect(finding).toBeDefined();
    expect(finding.contract).toBe('refcount');
    expect(finding.engine).toMatchObject({ kind: 'module', module: join('..', 'plugins', 'refcountCycles.mjs') });

    // The campaign directory and its plug-in, moved together to another machine's folder.
    const moved = tempDir('moved');
    cpSync(root, moved, { recursive: true });
    const file = findingFile(join(moved, 'campaign'), finding.signature);
    const replay = await replayFinding(finding, file, engines);
    expect(replay.reproduced).toBe(true);
    expect(replay.contract).toBe('refcount');
    expect(replay.plugin).toMatchObject({ choice: { module: join(moved, 'plugins', 'refcountCycles.mjs') }, changed: false, note: null });

    appendFileSync(join(moved, 'plugins', 'refcountCycles.mjs'), '\n// edited after the campaign\n');
    const edited = await replayFinding(finding, file, engines);
    expect(edited.plugin?.changed).toBe(true);
    expect(edited.plugin?.note).toMatch(/changed since the finding/);

    // Fixed: the defect switched off, the finding no longer reproduces; --impl points at any other module.
    delete process.env.PYMEM_PLUGIN_DEFECT;
    const other = join(moved, 'fixed.mjs');
    copyFileSync(join(REPO, 'examples', 'plugins', 'refcountCycles.mjs'), other);
    const overridden = await replayFinding(finding, file, engines, { impl: other });
    expect(overridden.plugin?.choice).toEqual({ kind: 'module', module: other });
    expect(overridden.reproduced).toBe(false);
  }, 180_000);
});
