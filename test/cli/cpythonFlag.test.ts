/*
 * `--cpython VERSION` on the commands that run programs, and `--python EXECUTABLE` on those that talk to an
 * interpreter (docs/cli.md): the flag selects the profile the engines follow — the same program traces as
 * its 3.12 or 3.13 observation says — a campaign records it and its findings replay under it, and a
 * version pymem does not model, or an interpreter that contradicts the flag, is exit 2 naming the flag.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../helpers/programs.js';
import { pymem, tempDir } from '../fuzz/runPymem.js';
import { runMain } from './runMain.js';

/** 3.11 collects in the allocation, 3.12 at the next call, 3.13 not at all after gc.disable(): three traces. */
const EXAMPLE = 'pending_collection_dropped_by_gc_disable';
const file = join(EXAMPLES_DIR, `${EXAMPLE}.py`);

/** What the collector did at each step: its collections and the generation counts after. */
const collectorSteps = (jsonl: string) => jsonl.trim().split('\n').map((text) => {
  const line = JSON.parse(text);
  return JSON.stringify({ collections: line.collections, count: line.count });
});
const observed = (suffix: string) => collectorSteps(readFileSync(join(EXAMPLES_DIR, `${EXAMPLE}${suffix}.trace.jsonl`), 'utf8'));
/** A trace without its source line numbers (a header comment shifts them). */
const withoutLines = (jsonl: string) => jsonl.replace(/"line":\d+,/g, '');

describe('--cpython', () => {
  it('run follows the profile asked for, as the interpreter of that version was observed to', async () => {
    const runs = { '3.11': await runMain('run', file), '3.12': await runMain('run', file, '--cpython', '3.12'), '3.13': await runMain('run', file, '--cpython', '3.13') };
    expect(collectorSteps(runs['3.11'].out)).toEqual(observed(''));
    expect(collectorSteps(runs['3.12'].out)).toEqual(observed('.3.12'));
    expect(collectorSteps(runs['3.13'].out)).toEqual(observed('.3.13'));
    expect(collectorSteps(runs['3.12'].out)).not.toEqual(collectorSteps(runs['3.11'].out));
    expect(collectorSteps(runs['3.13'].out)).not.toEqual(collectorSteps(runs['3.12'].out));
  });

  it('overrides the header of the program, and check names the profile it checked under', async () => {
    const dir = tempDir('cpython-flag');
    const headed = join(dir, 'headed.py');
    writeFileSync(headed, '# pymem: cpython=3.13\n' + readFileSync(file, 'utf8'));
    expect(withoutLines((await runMain('run', headed)).out)).toBe(withoutLines((await runMain('run', file, '--cpython', '3.13')).out));
    expect(withoutLines((await runMain('run', headed, '--cpython', '3.11')).out)).toBe(withoutLines((await runMain('run', file)).out));
    const check = await runMain('check', file, '--cpython', '3.12');
    expect(check.out).toMatch(/agree at contract cpython, CPython 3\.12\n$/);
    expect(check.code).toBe(0);
  });

  it('refuses a version pymem does not model, naming the flag and the versions it knows', async () => {
    for (const command of ['run', 'check', 'stats']) {
      const r = await runMain(command, file, '--cpython', '3.10');
      expect(r.code).toBe(2);
      expect(r.err).toContain("--cpython must be one of 3.11, 3.12, 3.13, not '3.10'");
    }
  });

  it('oracle and bench refuse an interpreter that cannot be run, or that contradicts --cpython', async () => {
    const missing = await runMain('oracle', '--python', '/nonexistent/python3', '--generate', '1');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--python: /nonexistent/python3 not found or not runnable');
    const bench = await runMain('bench', '--only', 'mix', '--quick', '--python', '/nonexistent/python3');
    expect(bench.code).toBe(2);
    expect(bench.err).toContain('--python: /nonexistent/python3');
  });

  it('a campaign records its profile, and its findings replay under it', async () => {
    const dir = join(tempDir('cpython-campaign'), 'c');
    const run = await pymem(['fuzz', '--canary', '--cpython', '3.13', '--runs', '40', '--workers', '1', '--out', dir]);
    expect(run.stdout).toContain('contract cpython, CPython 3.13 for 60 s or until 40 programs in all\n');
    expect(JSON.parse(readFileSync(join(dir, 'campaign.json'), 'utf8')).cpython).toBe('3.13');
    const finding = join(dir, 'findings', readdirSync(join(dir, 'findings')).filter((f) => f.endsWith('.json'))[0]);
    const replay = await pymem(['replay', finding]);
    expect(replay.stdout).toContain('contract: cpython, CPython 3.13\n');
    expect(replay.stdout).toContain('reproduced: ');
    // The CPython command pipes the program into the profile's interpreter, not python3.
    expect(replay.stdout).toContain(' --program) | python3.13 -):');
    expect(replay.code).toBe(1);
    const resumed = await pymem(['fuzz', '--resume', '--cpython', '3.12', '--runs', '41', '--workers', '1', '--out', dir]);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('--cpython');
  }, 60_000);
});
