/*
 * Workers are processes (workerSlot.ts), and `kill -9` of the coordinator gives it no chance to stop
 * them: each worker must notice on its own and exit (orphanGuard.ts) — between batches, and inside a
 * plug-in that never returns. Linux: the workers are found through /proc. An exited worker whose new
 * parent does not reap it stays a zombie (state Z), which holds no memory and runs nothing. Each kill
 * comes once the workers are observably where the case wants them, not after a sleep.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStats } from '../../fuzz/store/statsFile.js';
import { REPO, sleep, startPymem, tempDir } from './runPymem.js';

const PLUGIN = join(REPO, 'test', 'fuzz', 'fixtures', 'misbehavingEngine.mjs');

/** Pid → [parent pid, state, command line] of every process. */
function processes(): Map<number, { ppid: number; state: string; cmd: string }> {
  const out = new Map<number, { ppid: number; state: string; cmd: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      out.set(Number(name), { ppid: Number(ppid), state, cmd });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

const running = (pid: number) => {
  const p = processes().get(pid);
  return p !== undefined && p.state !== 'Z';
};

/** How often the processes are looked at: the interval only delays the test, it decides nothing. */
const POLL_MS = 50;

const workersOf = (coordinator: number) =>
  [...processes()].filter(([, p]) => p.ppid === coordinator && p.cmd.includes('campaignWorker.js')).map(([pid]) => pid);

/**
 * Starts a campaign, waits until its two workers are where `busy` says (however long a loaded machine
 * takes to get them there), kills the coordinator with SIGKILL, then waits until every worker has exited.
 * Nothing is timed: a worker that never exits fails the test by the test's time limit.
 */
async function killCoordinatorAndWaitForWorkers(args: string[], env: Record<string, string>, busy: (workers: number[]) => boolean): Promise<void> {
  const { child } = startPymem(args, env);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let workers: number[] = [];
  while (workers.length < 2 || !busy(workers)) {
    await sleep(POLL_MS);
    workers = workersOf(child.pid!);
  }
  expect(workers).toHaveLength(2);
  for (const pid of workers) expect(running(pid)).toBe(true);
  child.kill('SIGKILL');
  // Not `done`: an orphan holding the campaign's stdout would keep it from closing.
  await exited;
  while (workers.some(running)) await sleep(POLL_MS);
}

describe.runIf(existsSync('/proc/self/stat'))('kill -9 of the coordinator leaves no worker behind', () => {
  it('workers running batches exit', async () => {
    const out = join(tempDir('orphans'), 'c');
    // Once a checkpoint has counted programs, the workers are running batch after batch (--time 5m).
    const committed = () => existsSync(join(out, 'stats.jsonl')) && readStats(out).some((s) => s.programs > 0);
    await killCoordinatorAndWaitForWorkers(['fuzz', '--workers', '2', '--time', '5m', '--out', out], {}, committed);
  }, 60_000);

  it('workers stuck in a plug-in that never returns exit', async () => {
    const out = join(tempDir('orphans-hang'), 'c');
    const markers = tempDir('orphans-hang-markers');
    const args = ['fuzz', '--impl', PLUGIN, '--workers', '2', '--time', '5m', '--timeout', '5m', '--out', out];
    // The plug-in marks a worker entering its endless loop (fixtures/misbehavingEngine.mjs).
    const stuck = (workers: number[]) => workers.some((pid) => existsSync(join(markers, String(pid))));
    await killCoordinatorAndWaitForWorkers(args, { PYMEM_TEST_MISBEHAVE: 'hang', PYMEM_TEST_HANG_MARKERS: markers }, stuck);
  }, 60_000);
});
