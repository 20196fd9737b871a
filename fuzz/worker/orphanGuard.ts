/*
 * A worker process must never outlive its coordinator: `kill -9` of `pymem fuzz` (a scheduler, a user,
 * scripts/kill-resume.sh) gives the coordinator no chance to stop its workers, and an orphan would go
 * on burning a core. Two ways out, because a worker can be busy in synchronous code for a long time:
 *
 *   - between messages, the IPC channel's `disconnect` (the coordinator's end closed) exits at once;
 *   - inside a long batch, a shrink job, or a plug-in that never returns, the event loop never turns,
 *     so a small guard thread polls the parent pid (it changes when the coordinator dies and the
 *     worker is re-parented) and kills its own process.
 *
 * The guard thread is idle but for one getppid every GUARD_INTERVAL_MS; it is unref'd, so it never
 * keeps a worker alive.
 */
import { Worker } from 'node:worker_threads';

const GUARD_INTERVAL_MS = 250;

const GUARD_SOURCE = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(process.pid, 'SIGKILL');
}, workerData.interval);
`;

export function exitWithCoordinator(): void {
  const parent = process.ppid;
  process.on('disconnect', () => process.exit(0));
  const guard = new Worker(GUARD_SOURCE, { eval: true, workerData: { parent, interval: GUARD_INTERVAL_MS }, stdout: true, stderr: true });
  guard.unref();
}
