/*
 * Files a user hands pymem: one that cannot be read is named with the reason in plain words; a program
 * that is not UTF-8 is refused at its first bad byte (CPython would refuse it, and every counterexample
 * must run in CPython); a finding whose program was edited into one that no longer loads is refused
 * with the place in the finding file. Each is exit 2 with nothing run or written, never a stack trace.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFieldPosition } from '../../io/jsonFieldPosition.js';
import { readUtf8File } from '../../io/readTextFile.js';
import { UsageError } from '../../io/usageError.js';
import { pymem, tempDir } from '../fuzz/runPymem.js';
import { runMain } from './runMain.js';

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

const LATIN1 = Buffer.concat([Buffer.from("# d\u00e9j\u00e0 vu\nx = 'caf", 'utf8'), Buffer.from([0xe9]), Buffer.from("'\n")]);

/** A finding record as a campaign writes it, with `program` as its program. */
function findingJson(program: string): string {
  return JSON.stringify({
    format: 'pymem-finding', version: 1, signature: 'refcount-0123456789ab', kind: 'divergence', status: 'shrunk', invariant: 'refcount',
    message: 'refcount differs', step: 2, line: 2, objects: [], seed: '1', shard: { index: 0, count: 1 }, index: 3, origin: 'fresh',
    indices: [3], engine: { kind: 'builtin' }, limits: { programTimeoutMs: 10000, memoryLimitMb: 2048 }, program, size: 3,
    originalProgram: program, originalSize: 3, evaluations: 1, replays: null, trace: null, versions: { pymem: '0.1.0', node: '20' },
  }, null, 2) + '\n';
}

describe('files that cannot be read', () => {
  const dir = tempDir('input');

  it.each(['run', 'check', 'stats', 'oracle'])('pymem %s: a missing program, and a directory given as one', async (command) => {
    const missing = await runMain(command, join(dir, 'nope.py'));
    expect(missing).toEqual({ code: 2, out: '', err: `pymem ${command}: cannot read the program ${join(dir, 'nope.py')}: no such file\n` });
    const directory = await runMain(command, dir);
    expect(directory).toEqual({ code: 2, out: '', err: `pymem ${command}: cannot read the program ${dir}: it is a directory, not a file\n` });
  });

  it('pymem replay: a missing finding, a directory, corrupt JSON', async () => {
    expect((await runMain('replay', join(dir, 'nope.json'))).err).toBe(`pymem replay: cannot read the pymem finding ${join(dir, 'nope.json')}: no such file\n`);
    expect((await runMain('replay', dir)).err).toBe(`pymem replay: cannot read the pymem finding ${dir}: it is a directory, not a file\n`);
    const torn = join(dir, 'torn.json');
    writeFileSync(torn, findingJson('x = []\n').slice(0, 80));
    const corrupt = await runMain('replay', torn);
    expect(corrupt.code).toBe(2);
    expect(corrupt.err).toMatch(new RegExp(`^${torn}:\\d+:\\d+: not a valid pymem finding \\(corrupt JSON: `));
  });

  it('pymem report and merge: a path that holds no campaign', async () => {
    for (const argv of [['report', join(dir, 'nope')], ['merge', join(dir, 'nope'), '--out', join(dir, 'm')]]) {
      const r = await runMain(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`pymem ${argv[0]}: ${join(dir, 'nope')}: not a pymem campaign directory (no campaign.json)\n`);
    }
    expect(existsSync(join(dir, 'm'))).toBe(false);
  });

  it('pymem merge: the same directory twice', async () => {
    const r = await runMain('merge', dir, `${dir}/`, '--out', join(dir, 'm'));
    expect(r).toEqual({ code: 2, out: '', err: `pymem merge: ${dir}/ is named twice; its programs would be counted twice\n` });
  });

  it('a --out that cannot be a directory', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await runMain('fuzz', '--out', join(file, 'c'), '--workers', '1', '--runs', '1');
    expect(r).toMatchObject({ code: 2, err: `pymem fuzz: --out ${join(file, 'c')}: cannot create the directory: a part of its path is a file, not a directory\n` });
  });
});

describe('programs that are not UTF-8', () => {
  it.each(['run', 'check', 'stats', 'oracle'])('pymem %s refuses a Latin-1 byte at its line and column, and writes nothing', async (command) => {
    const dir = tempDir('latin1');
    const file = join(dir, 'latin1.py');
    writeFileSync(file, LATIN1);
    const html = join(dir, 'heap.html');
    const r = await runMain(command, file, ...(command === 'stats' ? ['--html', html] : []));
    expect(r).toEqual({ code: 2, out: '', err: `${file}:2:9: not UTF-8 (byte 0xe9); save the file as UTF-8\n` });
    expect(existsSync(html)).toBe(false);
  });

  it('a bad byte on the first line is FILE:1:COL', async () => {
    const file = join(tempDir('latin1-first'), 'p.py');
    writeFileSync(file, Buffer.concat([Buffer.from("x = 'caf"), Buffer.from([0xe9]), Buffer.from("'\n")]));
    expect(await runMain('run', file)).toEqual({ code: 2, out: '', err: `${file}:1:9: not UTF-8 (byte 0xe9); save the file as UTF-8\n` });
  });

  it('finds the first bad byte after multi-byte characters, keeps a genuine U+FFFD, and a byte order mark', () => {
    const dir = tempDir('utf8');
    const file = join(dir, 'p.py');
    writeFileSync(file, Buffer.concat([Buffer.from('\uFEFFa = "\uFFFD\u00e9"\n', 'utf8'), Buffer.from([0x62, 0x20, 0xff, 0x0a])]));
    expect(() => readUtf8File(file, 'the program')).toThrow(expect.objectContaining({ lines: [`${file}:2:3: not UTF-8 (byte 0xff); save the file as UTF-8`], inFile: true }));
    writeFileSync(file, '\uFEFFa = "\uFFFD"\n');
    expect(readUtf8File(file, 'the program')).toBe('\uFEFFa = "\uFFFD"\n');
  });
});

describe('a finding whose program was edited', () => {
  it('replays while its program loads, and is refused with the place in the finding file once it does not', async () => {
    const dir = tempDir('edited');
    mkdirSync(join(dir, 'findings'));
    const file = join(dir, 'findings', 'refcount-0123456789ab.json');
    writeFileSync(file, findingJson('x = []\ny = [x]\ndel x\n'));
    const intact = await runMain('replay', file);
    expect(intact.code).toBe(0);
    expect(intact.out).toContain('does not reproduce');

    writeFileSync(file, findingJson('x = []\ny = [x]\ndel zz\n'));
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"program"'));
    const col = lines[line].indexOf('zz') + 1;
    const edited = await runMain('replay', file);
    expect(edited).toEqual({
      code: 2,
      out: '',
      err: `${file}:${line + 1}:${col}: in its "program", line 3 column 5: name 'zz' is not defined (was the finding edited?)\n`,
    });
  });

  it('the same through the installed command: exit 2, not the exit 1 of a reproduced finding, and no stack trace', async () => {
    const dir = tempDir('edited-bin');
    const file = join(dir, 'finding.json');
    writeFileSync(file, findingJson('x = []\ny = (x\n'));
    const run = await pymem(['replay', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^${file}:\\d+:\\d+: in its "program", line 2 column \\d+: `));
    noStack(run.stderr);
  });

  it('positions point into the JSON text whatever the escapes', () => {
    const json = '{\n  "note": "program",\n  "program": "a\\u00e9\\"\\\\\\nb = 1"\n}';
    const program = (JSON.parse(json) as { program: string }).program;
    expect(program).toBe('a\u00e9"\\\nb = 1');
    const col = (offset: number) => jsonFieldPosition(json, 'program', offset);
    expect(col(0)).toBe('3:15'); // a
    expect(col(1)).toBe('3:16'); // \u00e9
    expect(col(2)).toBe('3:22'); // \"
    expect(col(5)).toBe('3:28'); // b, after \\ and \n
    expect(jsonFieldPosition(json, 'missing', 0)).toBeUndefined();
  });
});

it('UsageError.inFile marks lines that already name their place', () => {
  expect(UsageError.inFile(['f:1:1: x']).inFile).toBe(true);
  expect(new UsageError(['x']).inFile).toBe(false);
});
