/*
 * `--impl MODULE` and `--contract LEVEL` on the commands that run an engine (docs/cli.md): a plug-in runs,
 * is checked at its declared level or the one asked for, and a plug-in that cannot work is exit 2 with a
 * message naming it before any program runs. In-process through `main`, as a user's command line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { EXAMPLES_DIR } from '../helpers/programs.js';
import { tempDir } from '../fuzz/runPymem.js';

const MARK_SWEEP = join(EXAMPLES_DIR, 'plugins', 'markSweep.mjs');
const dir = tempDir('plugin-flags');

async function pymem(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A list that dies by refcount at `del`: a tracing collector frees it only at the collection. */
const PROMPT_DEATH = file('prompt.py', 'x = []\ndel x\ngc.collect()\n');

describe('--impl and --contract', () => {
  it('check runs a plug-in at the level it declares', async () => {
    const r = await pymem('check', PROMPT_DEATH, '--impl', MARK_SWEEP);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^ok: 3 statements \(\d+ with teardown\) agree at contract reachability/);
    expect(r.code).toBe(0);
  });

  it('check holds a plug-in to a stricter level when asked, and names what breaks', async () => {
    const r = await pymem('check', PROMPT_DEATH, '--impl', MARK_SWEEP, '--contract', 'refcount');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL refcount-death-is-prompt at step 2/);
  });

  it('check marks a failure in the teardown after the program, with no line 0', async () => {
    const r = await pymem('check', file('alive.py', 'x = []\n'), '--impl', MARK_SWEEP, '--contract', 'refcount');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL refcount-death-is-prompt at step 2: teardown: /);
    expect(r.out).toContain('\n     1  x = []\n>>      (teardown, step 2)\n');
  });

  it('an unknown level is exit 2, naming the flag and the levels', async () => {
    const r = await pymem('check', PROMPT_DEATH, '--contract', 'tracing');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^pymem check: --contract must be one of reachability, refcount, cpython/);
  });

  it('run prints a plug-in\'s trace, and --impl and --engine exclude each other', async () => {
    const r = await pymem('run', PROMPT_DEATH, '--impl', MARK_SWEEP);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { step: number; freed: number[] });
    expect(lines.map((l) => l.freed)).toEqual([[], [], [1]]);
    expect((await pymem('run', PROMPT_DEATH, '--impl', MARK_SWEEP, '--engine', 'model')).code).toBe(2);
  });

  it('stats shows the allocator only at the cpython contract', async () => {
    const r = await pymem('stats', PROMPT_DEATH, '--impl', MARK_SWEEP);
    expect(r.code).toBe(2);
    expect(r.err).toContain('at the cpython contract only, not at reachability');
    expect((await pymem('stats', PROMPT_DEATH)).code).toBe(0);
  });

  it('a plug-in without execute is exit 2 naming it, before any program runs', async () => {
    const broken = file('noExecute.mjs', 'export function createEngine() { return { run() {} }; }\n');
    for (const command of [['check', PROMPT_DEATH], ['run', PROMPT_DEATH], ['fuzz', '--runs', '5', '--workers', '1', '--out', join(dir, 'never')]]) {
      const r = await pymem(...command, '--impl', broken);
      expect(r.code, command[0]).toBe(2);
      expect(r.err, command[0]).toMatch(/noExecute\.mjs.*execute/);
    }
  });

  it('an engine that throws mid-program is a failure at its statement, exit 1, never a stack trace', async () => {
    // The mark-sweep example, throwing at the third statement it is given (the trial run loadPlugin makes has one).
    const throwing = file('throwsAtThird.mjs', [
      `import { createEngine as inner } from ${JSON.stringify(MARK_SWEEP)};`,
      "export const pymem = { contract: 'reachability', observes: [] };",
      'export function createEngine(program, hooks) {',
      '  const engine = inner(program, hooks);',
      '  let n = 0;',
      "  return { ...engine, execute(s, o) { if (++n === 3) throw new RangeError('pool index out of range'); return engine.execute(s, o); } };",
      '}',
    ].join('\n'));
    const program = file('four.py', 'x = []\ny = [x]\nz = Obj()\nz.a = y\n');
    const check = await pymem('check', program, '--impl', throwing);
    expect(check.code).toBe(1);
    expect(check.out).toContain('FAIL the check crashed at step 3 (line 3): RangeError: pool index out of range');
    expect(check.out).toContain('>>   3  z = Obj()');
    const run = await pymem('run', program, '--impl', throwing);
    expect(run.code).toBe(1);
    expect(run.out.trim().split('\n')).toHaveLength(2); // the trace up to the statement that threw
    expect(run.err).toBe('pymem run: the engine threw at step 3 (line 3): RangeError: pool index out of range\n');
  });

  it('bench takes a plug-in for the checked throughput only', async () => {
    const r = await pymem('bench', '--only', 'mix', '--impl', MARK_SWEEP);
    expect(r.code).toBe(2);
    expect(r.err).toBe('pymem bench: --impl measures the checked throughput of a plug-in: give it with --only checked\n');
    // Measured, not judged by the target of pymem's own implementation.
    const measured = await pymem('bench', '--only', 'checked', '--quick', '--impl', MARK_SWEEP);
    expect(measured.code).toBe(0);
    expect(measured.out).toMatch(/^checked throughput of the plug-in \(lockstep at its level\), one core +[\d,]+ statements\/s +— +— +— *$/m);
    expect(measured.out).not.toContain('NOT met');
  }, 60_000);
});
