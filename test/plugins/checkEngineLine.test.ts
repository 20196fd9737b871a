/*
 * The one line checkEngine prints: the contract level the engine was held to, and — when the time limit
 * (PYMEM_TIME, timeLimitMs) stopped it before numRuns — that it did, so that a budget cut short does not
 * read as a pass of the whole budget. PYMEM_TIME is milliseconds, and says so when it is not a number.
 */
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { loadPlugin } from '../../contract/loadPlugin.js';
import { checkEngine } from '../../properties/suite/checkEngine.js';
import { suiteProfile } from '../../properties/suite/profile.js';

const MARK_SWEEP = join(import.meta.dirname, '..', '..', 'examples', 'plugins', 'markSweep.mjs');

afterEach(() => {
  vi.restoreAllMocks();
});

it('names the level, and a run the time limit cut short', async () => {
  const createEngine = await loadPlugin(MARK_SWEEP);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  // A million programs cannot run in a millisecond: the limit always stops this one (before its first
  // program, fast-check may say, which must not crash the check).
  checkEngine(createEngine, { numRuns: 1_000_000, timeLimitMs: 1, failureDatabase: false });
  checkEngine(createEngine, { numRuns: 3, failureDatabase: false });
  const [cut, whole] = log.mock.calls.map((c) => String(c[0]));
  expect(cut).toMatch(/^\[pymem\] engine: contract reachability, profile ci, seed \d+, \d+ programs, \d+ statements, stopped by the time limit \(1 ms\)$/);
  expect(whole).toMatch(/^\[pymem\] engine: contract reachability, profile ci, seed \d+, 3 programs, \d+ statements$/);
});

it('PYMEM_TIME is milliseconds', () => {
  expect(suiteProfile({ PYMEM_TIME: '1500' }).timeLimitMs).toBe(1500);
  expect(() => suiteProfile({ PYMEM_TIME: '60s' })).toThrow("PYMEM_TIME must be a number of milliseconds, not '60s'");
});
