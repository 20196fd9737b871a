/*
 * Which interpreter the oracle talks to, and under which version profile it compares. The driver
 * reads the internal layout of CPython 3.11, 3.12 or 3.13 (cpython_driver/versions.py), so any other
 * interpreter (or none) is a usage problem, reported before anything runs; a known one selects the
 * profile (contract/cpythonProfiles.ts) the engine is run under. The check also returns the
 * interpreter's own path (`sys.executable`): `python3` may be a launcher script (pyenv's shim costs
 * more than the driver's whole run), and a thousand programs start a thousand interpreters.
 */
import { spawnSync } from 'node:child_process';
import { CPYTHON_VERSIONS, type CPythonVersion } from '../language/ast.js';
import { profileOfInterpreter } from '../contract/cpythonProfiles.js';

export const PYTHON = 'python3';

export type PythonCheck =
  | { ok: true; version: string; executable: string; cpython: CPythonVersion }
  | { ok: false; message: string };

export function checkPython(python: string = PYTHON): PythonCheck {
  const r = spawnSync(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.executable)'], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    return { ok: false, message: `${python} not found or not runnable (${r.error?.message ?? r.stderr.trim()})` };
  }
  const [version, executable] = r.stdout.trim().split('\n');
  const profile = profileOfInterpreter(version);
  if (profile === null) {
    return { ok: false, message: `${python} is Python ${version}; the oracle knows CPython ${CPYTHON_VERSIONS.join(', ')}` };
  }
  return { ok: true, version, executable: executable || python, cpython: profile.version };
}
