/*
 * Running bench/cpython.py: the anchors of every ratio, measured in the same run on this machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export function measureCpython(operations: Int32Array, collectorObjects: number): CpythonFigures | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pymem-bench-'));
  try {
    const ops = join(dir, 'mix.bin');
    writeFileSync(ops, Buffer.from(operations.buffer, operations.byteOffset, operations.byteLength));
    const run = spawnSync('python3', [scriptPath(), ops, String(collectorObjects)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.error) return { error: `python3 could not be run: ${run.error.message}` };
    if (run.status !== 0) return { error: `python3 failed: ${run.stderr.trim().split('\n').pop()}` };
    const figures = JSON.parse(run.stdout) as CpythonFigures;
    if (!figures.version.startsWith('3.11')) return { error: `python3 is ${figures.version}, not 3.11: no anchor` };
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
