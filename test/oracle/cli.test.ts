/*
 * `pymem oracle` as a user runs it: exit 0 and a line per statement when CPython agrees, `agree
 * N/N` for generated programs, exit 2 with a message naming the problem for bad input (nothing
 * run).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { EXAMPLES_DIR } from '../helpers/programs.js';
import { python, skipReason } from './pythonSkip.js';

async function pymem(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('pymem oracle: bad input is exit 2 with a message', () => {
  it.each([
    [['oracle'], /expected one program file, or --generate N/],
    [['oracle', '--generate', '0'], /^pymem oracle: --generate must be a whole number from 1 to 1000000, not '0'$/m],
    [['oracle', '--generate', '2', 'x.py'], /not both/],
    [['oracle', '--seed', '1', 'x.py'], /--seed goes with --generate/],
    [['oracle', '--frobnicate'], /--frobnicate/],
    [['oracle', '/nonexistent/p.py'], /^pymem oracle: cannot read the program \/nonexistent\/p\.py: no such file$/m],
  ])('%j', async (argv, message) => {
    const r = await pymem(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});

describe('pymem oracle against python3', () => {
  if (!python) {
    it.skip(skipReason, () => {});
    return;
  }
  it('prints every statement and agrees on an example (exit 0)', async () => {
    const r = await pymem('oracle', join(EXAMPLES_DIR, 'weakref_in_same_garbage_cycle_gets_no_callback.py'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/step +1 +line +\d+ +\S.* agrees/);
    expect(r.out).toMatch(/^ok: \d+ statements agree with CPython 3\.11\.\d+/m);
  });

  it('runs generated programs and reports agree/total', async () => {
    const r = await pymem('oracle', '--generate', '4', '--seed', 'cli');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^agree 4\/4 \(seed cli, \d+ statements, profile 3\.11, CPython 3\.11\.\d+\)$/m);
  });
});
