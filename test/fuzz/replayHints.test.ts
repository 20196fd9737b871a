/*
 * The commands a summary prints must work on the files that exist: the CPython one runs the finding's
 * program, the prelude in front, from the finding file alone — also in a directory whose name needs
 * quoting. Proved by running it: a valid program exits 0, a program reading an unbound name makes
 * CPython raise NameError (so the program did run). Skipped where python3 is missing.
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
      writeFileSync(file, JSON.stringify({ format: 'pymem-finding', program }));
      return spawnSync('sh', ['-c', cpythonCommand(file, `${shellWord(process.execPath)} ${shellWord(BIN)}`)], { cwd: REPO, encoding: 'utf8' });
    };
    const ok = run('v0 = Obj()\ndel v0\nv1 = []\nm = malloc(16)\nfree(m)\ngc.collect()\n');
    expect(ok.status, ok.stderr).toBe(0);
    const ran = run('v0 = []\nfree(nope)\n');
    expect(ran.status).not.toBe(0);
    expect(ran.stderr).toContain("NameError: name 'nope' is not defined");
  }, 60_000);
});
