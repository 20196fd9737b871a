/*
 * `pymem --version` reads the version from the package.json of the pymem that runs, wherever it is
 * installed: here a copy of the built package inside another project's node_modules, whose version
 * is changed so that only its own package.json can give the answer. Needs `npm run build` first.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../fuzz/runPymem.js';

describe('pymem --version when installed in another project', () => {
  it("prints the installed package's version", () => {
    const project = tempDir('installed');
    const installed = join(project, 'node_modules', 'pymem');
    mkdirSync(installed, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    writeFileSync(join(installed, 'package.json'), JSON.stringify({ ...manifest, version: '9.8.7-installed' }));
    cpSync(join(REPO, 'bin'), join(installed, 'bin'), { recursive: true });
    cpSync(join(REPO, 'dist'), join(installed, 'dist'), { recursive: true });
    for (const dependency of Object.keys(manifest.dependencies)) {
      const link = join(project, 'node_modules', dependency);
      mkdirSync(dirname(link), { recursive: true }); // a scoped package (@scope/name) needs its scope folder
      symlinkSync(join(REPO, 'node_modules', dependency), link);
    }
    const run = spawnSync(process.execPath, [join(installed, 'bin', 'pymem.js'), '--version'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('9.8.7-installed\n');
  });
});
