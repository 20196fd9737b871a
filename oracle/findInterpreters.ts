/*
 * The CPython interpreters installed here, one per version profile: what the examples test, the
 * oracle tests and `pymem bench` run each profile against. A user names one with `--python`;
 * these are found without being named, in this order:
 *
 *   PYMEM_PYTHONS   a comma-separated list of executables (then nothing else is looked at);
 *   PATH            python3.11, python3.12, python3.13, python3;
 *   pyenv           the installed 3.11, 3.12 and 3.13 versions (`pyenv versions --bare`, newest
 *                   patch level first), when pyenv is on PATH.
 *
 * Each candidate is asked its version (checkPython); the first one of each minor version wins. A
 * version with none is absent from the result, and the caller says so.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CPythonVersion } from '../language/ast.js';
import { checkPython } from './python.js';

export interface Interpreter {
  /** The full version, "3.12.1". */
  version: string;
  /** The interpreter itself (`sys.executable`, not a launcher). */
  executable: string;
  cpython: CPythonVersion;
}

function pyenvCandidates(): string[] {
  const versions = spawnSync('pyenv', ['versions', '--bare'], { encoding: 'utf8' });
  const root = spawnSync('pyenv', ['root'], { encoding: 'utf8' });
  if (versions.status !== 0 || root.status !== 0) return [];
  const patchOrder = (v: string) => v.split('.').map(Number);
  return versions.stdout.split('\n').map((v) => v.trim())
    .filter((v) => /^3\.1[1-3]\.\d+$/.test(v))
    .sort((a, b) => patchOrder(b)[2] - patchOrder(a)[2])
    .map((v) => join(root.stdout.trim(), 'versions', v, 'bin', 'python3'));
}

export function findInterpreters(env: NodeJS.ProcessEnv = process.env): Map<CPythonVersion, Interpreter> {
  const named = env.PYMEM_PYTHONS?.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const candidates = named ?? ['python3.11', 'python3.12', 'python3.13', 'python3', ...pyenvCandidates()];
  const found = new Map<CPythonVersion, Interpreter>();
  for (const candidate of candidates) {
    const check = checkPython(candidate);
    if (check.ok && !found.has(check.cpython)) found.set(check.cpython, { version: check.version, executable: check.executable, cpython: check.cpython });
  }
  return found;
}
