/*
 * Durability: a campaign killed with SIGKILL leaves only whole, parseable files, and resumed
 * each time it ends with exactly the findings, corpus and counters of the same campaign run without
 * interruption — no finding lost, none invented. scripts/kill-resume.sh does the same with 20 kills.
 *
 * Each kill comes at a point defined by what the campaign has written, never after a sleep, so that
 * the test asks the same thing of a fast machine and of a loaded one:
 *   at spawn          before the process can have written anything (whatever it did write, --resume
 *                     must go on from it)
 *   first checkpoint  campaign.json exists (written before any program runs)
 *   committed work    a checkpoint of this session with programs committed since it began
 *   between checkpoints  a corpus entry newer than the last checkpoint (dropped on resume, found again)
 *   a shrunk finding  which every later state must still hold
 * A campaign that ends on its own before its kill point (a fast machine) is simply not killed that time.
 *
 * A kill between creating the directory and writing campaign.json leaves only pymem's empty corpus/
 * and findings/ and a temporary: that state is built by hand below, so that it is certain, and
 * --resume must start the campaign afresh and end like the uninterrupted one.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Counters, readCampaignState } from '../../fuzz/store/campaignState.js';
import { readCorpus } from '../../fuzz/store/corpusStore.js';
import { readFindings } from '../../fuzz/store/findingStore.js';
import { readStats } from '../../fuzz/store/statsFile.js';
import { filesOf, pymem, type Run, sleep, startPymem, tempDir } from './runPymem.js';

const RUNS = 4000;
const RUN = ['--canary', '--seed', 'kill-test', '--runs', String(RUNS), '--workers', '2', '--time', '5m'];
/** How often a kill point is looked for: the interval only delays the kill, it decides nothing. */
const POLL_MS = 10;

function checkWhole(dir: string): { nextOrdinal: number; findings: string[] } {
  const state = readCampaignState(join(dir, 'campaign.json'));
  readStats(dir);
  readCorpus(dir);
  return { nextOrdinal: state.nextOrdinal, findings: readFindings(dir).map((f) => `${f.signature}:${f.status}`) };
}

/** The checkpointed next ordinal, −1 before campaign.json exists. */
function checkpointed(dir: string): number {
  return existsSync(join(dir, 'campaign.json')) ? readCampaignState(join(dir, 'campaign.json')).nextOrdinal : -1;
}

/** The counters that say what was run: all but the session's clock and count. */
function workCounters(dir: string): Partial<Counters> {
  const { elapsedMs: _elapsed, sessions: _sessions, ...work } = readCampaignState(join(dir, 'campaign.json')).counters;
  return work;
}

/**
 * Runs pymem and kills it with SIGKILL as soon as `reached()` holds; a read that races the campaign's own
 * changes (a corpus entry dropped by resume between listing and reading) counts as not yet.
 */
async function killWhen(args: string[], reached: () => boolean): Promise<Run> {
  const { child, done } = startPymem(args);
  let ended = false;
  void done.then(() => (ended = true));
  const holds = () => {
    try {
      return reached();
    } catch {
      return false;
    }
  };
  while (!ended && !holds()) await sleep(POLL_MS);
  child.kill('SIGKILL');
  return done;
}

function expectSameCampaign(dir: string, reference: string, runs: number): void {
  expect(checkWhole(dir).nextOrdinal).toBe(runs);
  expect(workCounters(dir)).toEqual(workCounters(reference));
  expect(filesOf(join(dir, 'findings'))).toEqual(filesOf(join(reference, 'findings')));
  expect(filesOf(join(dir, 'corpus'))).toEqual(filesOf(join(reference, 'corpus')));
}

describe('kill -9 and --resume', () => {
  it('loses no finding over kills at defined points and ends as an uninterrupted campaign', async () => {
    const dir = tempDir('kill');
    const reference = join(dir, 'reference');
    const killed = join(dir, 'killed');
    const referenceRun = pymem(['fuzz', ...RUN, '--out', reference]);
    const resume = ['fuzz', ...RUN, '--out', killed, '--resume'];
    const killPoints: Array<{ args: string[]; reached: (ordinalAtStart: number) => boolean }> = [
      { args: ['fuzz', ...RUN, '--out', killed], reached: () => true },
      { args: resume, reached: () => existsSync(join(killed, 'campaign.json')) },
      { args: resume, reached: (ordinalAtStart) => checkpointed(killed) > ordinalAtStart },
      { args: resume, reached: () => readCorpus(killed).some((e) => e.ordinal >= checkpointed(killed)) },
      { args: resume, reached: () => readFindings(killed).some((f) => f.status === 'shrunk') },
      { args: resume, reached: (ordinalAtStart) => checkpointed(killed) > ordinalAtStart },
    ];
    const seen: string[] = [];
    let kills = 0;
    for (const { args, reached } of killPoints) {
      const ordinalAtStart = checkpointed(killed);
      const run = await killWhen(args, () => reached(ordinalAtStart));
      if (run.signal !== 'SIGKILL') {
        // The campaign reached its end before this kill point.
        expect(run.code, run.stderr).toBe(1);
        continue;
      }
      kills++;
      if (!existsSync(join(killed, 'campaign.json'))) continue; // killed before its first checkpoint
      seen.push(...checkWhole(killed).findings.filter((f) => f.endsWith(':shrunk')));
    }
    expect(kills).toBeGreaterThan(0);
    const last = await pymem(resume);
    expect(last.code, last.stderr).toBe(1);
    expect((await referenceRun).code).toBe(1);
    expectSameCampaign(killed, reference, RUNS);
    const final = checkWhole(killed);
    for (const f of seen) expect(final.findings).toContain(f);
  }, 180_000);

  it('--resume of a campaign killed before its first checkpoint starts it afresh, as if uninterrupted', async () => {
    const dir = tempDir('unstarted');
    const run = ['--canary', '--seed', 'unstarted', '--runs', '300', '--workers', '1', '--time', '2m'];
    const reference = join(dir, 'reference');
    const referenceRun = pymem(['fuzz', ...run, '--out', reference]);
    // What a kill after createCampaignDirectory, in the middle of writing campaign.json, leaves.
    const leftovers = join(dir, 'leftovers');
    mkdirSync(join(leftovers, 'corpus'), { recursive: true });
    mkdirSync(join(leftovers, 'findings'));
    writeFileSync(join(leftovers, '.campaign.json.12345.0.tmp'), '{\n  "format": "pymem-camp');
    // And a kill before even that: no directory at all.
    const absent = join(dir, 'absent');
    const [fromLeftovers, fromNothing] = await Promise.all([leftovers, absent].map((out) => pymem(['fuzz', ...run, '--out', out, '--resume'])));
    for (const resumed of [fromLeftovers, fromNothing]) {
      expect(resumed.code, resumed.stderr).toBe(1);
      expect(resumed.stdout).toContain('holds no checkpoint');
      expect(resumed.stdout).toContain('starting it afresh');
    }
    expect((await referenceRun).code).toBe(1);
    expectSameCampaign(leftovers, reference, 300);
    expectSameCampaign(absent, reference, 300);
    expect(existsSync(join(leftovers, '.campaign.json.12345.0.tmp'))).toBe(false);
  }, 120_000);

  it('--resume still refuses a directory holding files pymem did not write', async () => {
    const dir = tempDir('not-ours');
    mkdirSync(join(dir, 'corpus'));
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const run = await pymem(['fuzz', '--runs', '10', '--out', dir, '--resume']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('holds no campaign (no campaign.json)');
    expect(existsSync(join(dir, 'findings'))).toBe(false);
  });
});
