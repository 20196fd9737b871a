/*
 * Which python3 the oracle talks to. The driver reads CPython 3.11's internal layout, so any other
 * interpreter (or none) is a usage problem, reported before anything runs. The check also returns
 * the interpreter's own path (`sys.executable`): `python3` may be a launcher script (pyenv's shim
 * costs more than the driver's whole run), and a thousand programs start a thousand interpreters.
 */
import { spawnSync } from 'node:child_process';

export const PYTHON = 'python3';
export const REQUIRED_MINOR = '3.11';

export type PythonCheck = { ok: true; version: string; executable: string } | { ok: false; message: string };

export function checkPython(python: string = PYTHON): PythonCheck {
  const r = spawnSync(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.executable)'], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    return { ok: false, message: `${python} not found or not runnable (${r.error?.message ?? r.stderr.trim()})` };
  }
  const [version, executable] = r.stdout.trim().split('\n');
  if (!version.startsWith(`${REQUIRED_MINOR}.`)) {
    return { ok: false, message: `${python} is Python ${version}; the oracle needs CPython ${REQUIRED_MINOR}` };
  }
  return { ok: true, version, executable: executable || python };
}
