/*
 * Every command describes itself: `pymem X --help`, `pymem X -h` and `pymem help X` print the same
 * usage with every flag of X's spec and its exit codes, and exit 0; `pymem --help` lists every
 * command; `--version` prints the package's version; a mistyped command or flag gets the nearest one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/main.js';
import { runMain } from './runMain.js';

const NAMES = ['run', 'check', 'stats', 'fuzz', 'replay', 'oracle', 'report', 'merge', 'bench', 'prelude'];
const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

describe('help', () => {
  it('the command table holds every command the issue names', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(NAMES);
  });

  it.each(NAMES)('pymem %s --help lists each of its flags and its exit codes, exit 0', async (name) => {
    const spec = COMMANDS.find((c) => c.name === name)!;
    const help = await runMain(name, '--help');
    expect(help.code).toBe(0);
    expect(help.err).toBe('');
    expect(help.out).toContain(`Usage: pymem ${name} `);
    for (const [flag, value] of Object.entries(spec.flags)) {
      expect(help.out).toMatch(new RegExp(`^  --${flag}${value.value ? ` ${value.value.replace('/', '\\/')}` : ''} +\\S`, 'm'));
    }
    for (const operand of spec.operands) expect(help.out).toContain(operand.name);
    expect(help.out).toMatch(/^ {2}-h, --help +show this help$/m);
    expect(help.out).toMatch(/^Exit codes:\n {2}0 {2}\S/m);
    expect(help.out).toMatch(/^ {2}2 {2}bad usage or input/m);
  });

  it.each(NAMES)('pymem help %s and pymem %s -h print what --help prints', async (name) => {
    const flag = await runMain(name, '--help');
    expect(await runMain('help', name)).toEqual(flag);
    expect(await runMain(name, '-h')).toEqual(flag);
  });

  it('pymem --help, -h and help list every command, one line each, and exit 0', async () => {
    const help = await runMain('--help');
    expect(help.code).toBe(0);
    for (const spec of COMMANDS) expect(help.out).toMatch(new RegExp(`^ {2}${spec.name} .* {2}\\S`, 'm'));
    expect(help.out).toMatch(/^ {2}help \[COMMAND\]/m);
    expect(await runMain('-h')).toEqual(help);
    expect(await runMain('help')).toEqual(help);
  });

  it('pymem alone prints the list of commands to stderr and exits 2', async () => {
    const bare = await runMain();
    expect(bare.code).toBe(2);
    expect(bare.out).toBe('');
    expect(bare.err).toContain('Commands:');
  });

  it("--version and -V print the package's version", async () => {
    for (const flag of ['--version', '-V']) expect(await runMain(flag)).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
  });
});

describe('suggestions', () => {
  it.each([
    [['fuz'], "pymem: unknown command 'fuz' (did you mean fuzz?)"],
    [['help', 'replya'], "pymem: unknown command 'replya' (did you mean replay?)"],
    [['run', '--snapsot', 'x.py'], "pymem run: unknown flag '--snapsot' (did you mean --snapshot?)"],
    [['fuzz', '--worker', '2'], "pymem fuzz: unknown flag '--worker' (did you mean --workers?)"],
    [['oracle', '--generat', '2'], "pymem oracle: unknown flag '--generat' (did you mean --generate?)"],
  ])('pymem %j → exit 2: %s', async (argv, message) => {
    const r = await runMain(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toBe(message);
    expect(r.err).toMatch(/^usage: pymem /m);
  });
});
