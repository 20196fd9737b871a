/*
 * The commands a summary prints must work on the files that exist: the CPython one runs the finding's
 * program, the prelude in front, from the finding file alone — also in a directory whose name needs
 * quoting. Proved by running it: a valid program exits 0 in CPython; an edited, invalid one is refused by
 * pymem with the file's position, so nothing half-valid reaches CPython. Skipped where python3 is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpythonCommand, replayCommand, shellWord } from '../../fuzz/store/replayHints.js';
import { BIN, REPO, tempDir } from './runPymem.js';

const hasPython = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A whole finding record around `program` (replay --program reads and checks the file like any replay). */
function finding(program: string) {
  return {
    format: 'pymem-finding', version: 2, signature: 'reachable-never-freed-000000000000', bug: 'reachable-never-freed: x', kind: 'divergence',
    status: 'shrunk', invariant: 'reachable-never-freed', message: 'm', step: 1, line: 1, objects: [], seed: '1', shard: { index: 0, count: 1 },
    index: 0, origin: 'fresh', indices: [0], engine: { kind: 'builtin' }, contract: 'cpython', limits: { programTimeoutMs: 10000, memoryLimitMb: 2048 },
    program, size: 1, originalProgram: program, originalSize: 1, evaluations: 1, replays: null, trace: null, versions: { pymem: '0.2.0', node: '20' },
  };
}

describe('replay hints', () => {
  it('quote paths for the shell', () => {
    expect(shellWord('a/b-c.json')).toBe('a/b-c.json');
    expect(shellWord("it's here")).toBe(`'it'\\''s here'`);
    expect(replayCommand('/x y/f.json')).toBe(`npx pymem replay '/x y/f.json'`);
  });

  it.skipIf(!hasPython)('run the finding\'s program in CPython, prelude first, from the finding file alone', () => {
    const dir = join(tempDir('hints'), "a campaign's dir", 'findings');
    mkdirSync(dir, { recursive: true });
    const run = (program: string) => {
      const file = join(dir, 'f.json');
      writeFileSync(file, JSON.stringify(finding(program)));
      return spawnSync('sh', ['-c', cpythonCommand(file, `${shellWord(process.execPath)} ${shellWord(BIN)}`)], { cwd: REPO, encoding: 'utf8' });
    };
    const ok = run('v0 = Obj()\ndel v0\nv1 = []\nm = malloc(16)\nfree(m)\ngc.collect()\n');
    expect(ok.status, ok.stderr).toBe(0);
    // A finding whose program was edited into an invalid one prints nothing for Python to run: pymem says why.
    // (The pipeline's status is python3's, which ran the prelude alone; pymem's message is what the user sees.)
    const edited = run('v0 = []\nfree(nope)\n');
    expect(edited.stderr).toMatch(/f\.json.*name 'nope' is not defined/);
  }, 60_000);
});
