/*
 * Workers are processes (workerSlot.ts), and `kill -9` of the coordinator gives it no chance to stop
 * them: each worker must notice on its own and exit (orphanGuard.ts) — between batches, and inside a
 * plug-in that never returns. Linux: the workers are found through /proc. An exited worker whose new
 * parent does not reap it stays a zombie (state Z), which holds no memory and runs nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

async function killCoordinatorAndWatchWorkers(args: string[], env: Record<string, string> = {}): Promise<number[]> {
  const { child } = startPymem(args, env);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let workers: number[] = [];
  for (let waited = 0; workers.length < 2 && waited < 20_000; waited += 100) {
    await sleep(100);
    workers = [...processes()].filter(([, p]) => p.ppid === child.pid && p.cmd.includes('campaignWorker.js')).map(([pid]) => pid);
  }
  expect(workers).toHaveLength(2);
  await sleep(1500);
  for (const pid of workers) expect(running(pid)).toBe(true);
  child.kill('SIGKILL');
  // Not `done`: an orphan holding the campaign's stdout would keep it from closing.
  await exited;
  await sleep(2000);
  return workers.filter(running);
}

describe.runIf(existsSync('/proc/self/stat'))('kill -9 of the coordinator leaves no worker behind', () => {
  it('workers running batches exit', async () => {
    const out = join(tempDir('orphans'), 'c');
    expect(await killCoordinatorAndWatchWorkers(['fuzz', '--workers', '2', '--time', '5m', '--out', out])).toEqual([]);
  }, 60_000);

  it('workers stuck in a plug-in that never returns exit', async () => {
    const out = join(tempDir('orphans-hang'), 'c');
    const args = ['fuzz', '--impl', PLUGIN, '--workers', '2', '--time', '5m', '--timeout', '5m', '--out', out];
    expect(await killCoordinatorAndWatchWorkers(args, { PYMEM_TEST_MISBEHAVE: 'hang' })).toEqual([]);
  }, 60_000);
});
