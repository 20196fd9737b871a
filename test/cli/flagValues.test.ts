/*
 * Flag values are checked by their flag's parser, and a bad one is exit 2 with a message that names
 * the flag, the range or the words it accepts, and the value given — including a negative number
 * written as a separate word (`--workers -1`), which must reach the parser rather than be taken for a
 * flag. Nothing runs and nothing is written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadValue, duration, listOf, oneOf, seed, shard, wholeNumber } from '../../cli/flagValues.js';
import { tempDir } from '../fuzz/runPymem.js';
import { runMain } from './runMain.js';

describe('flag value parsers', () => {
  it('durations: units, sums, bare seconds, and a range', () => {
    const parse = duration('100ms', '24h');
    expect(parse('8h')).toBe(8 * 3_600_000);
    expect(parse('1h30m')).toBe(5_400_000);
    expect(parse('90')).toBe(90_000);
    expect(parse('500ms')).toBe(500);
    expect(parse('1.5s')).toBe(1500);
    for (const bad of ['8 hours', '-5s', '0s', '50ms', '25h', '1e3', '', 's']) expect(() => parse(bad), bad).toThrow(BadValue);
  });

  it('whole numbers within a range', () => {
    const parse = wholeNumber(1, 1024);
    expect(parse('1')).toBe(1);
    expect(parse('1024')).toBe(1024);
    for (const bad of ['0', '1025', '-1', '1.5', '0x10', ' 3', '', '99999999999999999999']) expect(() => parse(bad), bad).toThrow(BadValue);
  });

  it('shards, seeds, words and lists of words', () => {
    expect(shard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/4', '2', 'a/b']) expect(() => shard(bad), bad).toThrow(BadValue);
    expect(seed('2024-06-01')).toBe('2024-06-01');
    expect(() => seed('a b')).toThrow(BadValue);
    expect(oneOf<'a' | 'b'>(['a', 'b'])('b')).toBe('b');
    expect(() => oneOf<'a' | 'b'>(['a', 'b'])('c')).toThrow(BadValue);
    expect(listOf<'a' | 'b'>(['a', 'b'])('b,a,b')).toEqual(['b', 'a']);
    expect(() => listOf<'a' | 'b'>(['a', 'b'])('a,c')).toThrow(expect.objectContaining({ found: 'c' }));
  });
});

describe('bad flag values on the command line', () => {
  it.each([
    [['fuzz', '--workers', '-1'], "pymem fuzz: --workers must be a whole number from 1 to 1024, not '-1'"],
    [['fuzz', '--workers=-1'], "pymem fuzz: --workers must be a whole number from 1 to 1024, not '-1'"],
    [['fuzz', '--workers', '0'], "pymem fuzz: --workers must be a whole number from 1 to 1024, not '0'"],
    [['fuzz', '--time', '-5s'], "pymem fuzz: --time must be a duration from 1s to 1000h, such as 8h, 30m, 60s or 1h30m, not '-5s'"],
    [['fuzz', '--time', 'soon'], "pymem fuzz: --time must be a duration from 1s to 1000h, such as 8h, 30m, 60s or 1h30m, not 'soon'"],
    [['fuzz', '--timeout', '0'], "pymem fuzz: --timeout must be a duration from 100ms to 24h, such as 8h, 30m, 60s or 1h30m, not '0'"],
    [['fuzz', '--runs', '-3'], `pymem fuzz: --runs must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}, not '-3'`],
    [['fuzz', '--memory-limit', '10'], "pymem fuzz: --memory-limit must be a whole number from 64 to 1000000, not '10'"],
    [['fuzz', '--shard', '2/2'], "pymem fuzz: --shard must be I/N with 0 <= I < N <= 100000 (for example 0/4 … 3/4), not '2/2'"],
    [['fuzz', '--seed', 'a b'], "pymem fuzz: --seed must be 1 to 64 letters, digits or . _ : -, not 'a b'"],
    [['oracle', '--generate', '-1'], "pymem oracle: --generate must be a whole number from 1 to 1000000, not '-1'"],
    [['run', 'x.py', '--engine', 'cpython'], "pymem run: --engine must be one of impl, model, not 'cpython'"],
    [['bench', '--only', 'mix,nope'], "pymem bench: --only must list some of mix, collector, scale, checked, mutation, planted (comma-separated), not 'nope'"],
  ])('pymem %j → %s', async (argv, message) => {
    const r = await runMain(...argv);
    expect(r).toEqual({ code: 2, out: '', err: `${message}\n` });
  });

  it('a flag without its value, and an operand too many, are usage errors that show the usage', async () => {
    const missing = await runMain('fuzz', '--workers');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('pymem fuzz: --workers needs a value: --workers N\nusage: pymem fuzz [flags]  (pymem fuzz --help describes every flag)\n');
    expect((await runMain('fuzz', '--shard')).err.split('\n')[0]).toBe('pymem fuzz: --shard needs a value: --shard I/N');
    const extra = await runMain('check', 'a.py', 'b.py');
    expect(extra.code).toBe(2);
    expect(extra.err.split('\n')[0]).toBe("pymem check: unexpected argument 'b.py'");
  });

  it('a campaign with a bad flag writes nothing', async () => {
    const out = join(tempDir('badflag'), 'c');
    expect((await runMain('fuzz', '--workers', '-1', '--out', out)).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
