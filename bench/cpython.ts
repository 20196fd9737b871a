/*
 * Running bench/cpython.py: the anchors of every ratio, measured in the same run on this machine, by
 * the interpreter of the profile the implementation runs under (`python3` unless told another).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CPYTHON, type CPythonVersion } from '../language/ast.js';

export interface CpythonFigures {
  version: string;
  mix: { statementsPerSecond: number; collections: number[] };
  liveNsPerObject: number;
  garbageNsPerObject: number;
  garbageCollected: number;
}

/** The script sits beside this module, in the sources and in dist/ (the build copies it, scripts/build.mjs). */
function scriptPath(): string {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'cpython.py');
  if (!existsSync(path)) throw new Error(`bench/cpython.py not found at ${path} (run \`npm run build\`)`);
  return path;
}

export function measureCpython(
  operations: Int32Array, collectorObjects: number, python = 'python3', cpython: CPythonVersion = DEFAULT_CPYTHON,
): CpythonFigures | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pymem-bench-'));
  try {
    const ops = join(dir, 'mix.bin');
    writeFileSync(ops, Buffer.from(operations.buffer, operations.byteOffset, operations.byteLength));
    const run = spawnSync(python, [scriptPath(), ops, String(collectorObjects)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.error) return { error: `${python} could not be run: ${run.error.message}` };
    if (run.status !== 0) return { error: `${python} failed: ${run.stderr.trim().split('\n').pop()}` };
    const figures = JSON.parse(run.stdout) as CpythonFigures;
    if (!figures.version.startsWith(`${cpython}.`)) return { error: `${python} is ${figures.version}, not ${cpython}: no anchor` };
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
