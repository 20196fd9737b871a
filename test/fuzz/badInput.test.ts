/*
 * Bad usage and bad files end in exit 2 with a message naming the flag or the file, never a stack
 * trace, and nothing is written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pymem, tempDir } from './runPymem.js';

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe('campaign commands on bad input', () => {
  it.each([
    [['fuzz', '--bogus'], "'--bogus'"],
    [['fuzz', '--time', 'soon'], '--time'],
    [['fuzz', '--workers', '0'], '--workers'],
    [['fuzz', '--shard', '2/2'], '--shard'],
    [['fuzz', '--seed', 'a b'], '--seed'],
    [['fuzz', '--runs', '-3'], '--runs'],
    [['fuzz', '--impl', 'no-such-module.mjs'], '--impl'],
    [['fuzz', '--canary', '--impl', 'x.mjs'], '--canary'],
    [['fuzz', 'extra'], 'extra'],
    [['replay'], 'usage: pymem replay'],
    [['replay', 'a.json', '--dot'], '--dot'],
    [['report'], 'usage: pymem report'],
    [['merge'], 'usage: pymem merge'],
    [['bench', '--only', 'mix,nope'], "pymem bench: --only must list some of mix, collector, scale, checked, mutation, planted (comma-separated), not 'nope'"],
    [['bench', 'extra'], 'usage: pymem bench'],
    [['fuzz', '--workers', '-1'], "pymem fuzz: --workers must be a whole number from 1 to 1024, not '-1'"],
    [['fuzz', '--time', '-5s'], "pymem fuzz: --time must be a duration from 1s to 1000h, such as 8h, 30m, 60s or 1h30m, not '-5s'"],
    [['run', 'no-such-program.py'], 'pymem run: cannot read the program no-such-program.py: no such file'],
    [['check', 'examples'], 'pymem check: cannot read the program examples: it is a directory, not a file'],
    [['stats', '--htm', 'x.html', 'p.py'], "pymem stats: unknown flag '--htm' (did you mean --html?)"],
    [['replya'], "pymem: unknown command 'replya' (did you mean replay?)"],
  ])('pymem %j → exit 2 naming %s', async (args, named) => {
    const run = await pymem(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(named);
    noStack(run.stderr);
  });

  it('every command answers --help with its usage, and exit 0', async () => {
    for (const command of ['run', 'check', 'stats', 'fuzz', 'replay', 'oracle', 'report', 'merge', 'bench', 'prelude']) {
      const run = await pymem([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.stdout).toContain(`Usage: pymem ${command} `);
    }
  }, 60_000);

  it('a corrupt campaign.json stops --resume and report with its name and position', async () => {
    const out = join(tempDir('corrupt'), 'c');
    expect((await pymem(['fuzz', '--workers', '1', '--runs', '100', '--out', out])).code).toBe(0);
    const file = join(out, 'campaign.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 150));
    for (const args of [['fuzz', '--out', out, '--resume'], ['report', out], ['merge', out, '--out', join(out, '..', 'm')]]) {
      const run = await pymem(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/campaign\.json:\d+:\d+: not a valid pymem campaign file \(corrupt JSON/);
      noStack(run.stderr);
    }
    writeFileSync(file, '{"format": "something-else"}\n');
    const foreign = await pymem(['fuzz', '--out', out, '--resume']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('not a pymem campaign file: expected "format": "pymem-campaign"');
  }, 60_000);

  it('a plug-in without createEngine is a usage error, and nothing is written', async () => {
    const dir = tempDir('plugin');
    const module = join(dir, 'not-an-engine.mjs');
    writeFileSync(module, 'export const engine = 1;\n');
    const out = join(dir, 'c');
    const run = await pymem(['fuzz', '--impl', module, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exports no function createEngine');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a foreign directory, a foreign file, and a corrupt finding', async () => {
    const dir = tempDir('foreign');
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const run = await pymem(['fuzz', '--out', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not empty and holds no pymem campaign');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');

    const out = join(dir, 'c');
    expect((await pymem(['fuzz', '--workers', '1', '--runs', '50', '--out', out])).code).toBe(0);
    mkdirSync(join(out, 'report.html'));
    const report = await pymem(['report', out]);
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(`pymem report: ${join(out, 'report.html')}: cannot write: it is a directory, not a file\n`);
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    rmdirSync(join(out, 'report.html'));

    writeFileSync(join(out, 'findings', 'x.txt'), 'hello');
    const resume = await pymem(['fuzz', '--out', out, '--resume']);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('a foreign file in findings/');

    mkdirSync(join(dir, 'f'));
    const finding = join(dir, 'f', 'bad.json');
    writeFileSync(finding, '{"format": "pymem-finding", "signature": 3}');
    const replay = await pymem(['replay', finding]);
    expect(replay.code).toBe(2);
    expect(replay.stderr).toContain('field "signature"');
    noStack(replay.stderr);
  }, 60_000);
});
