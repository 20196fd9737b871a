/*
 * The oracle agrees with CPython on generated programs, the campaign's own (seed, index) programs.
 * A disagreement prints the program as Python with its first disagreement, ready to run with
 * `pymem oracle`.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { describe, expect, it } from 'vitest';
import { formatGeneratedFailure } from '../../oracle/format.js';
import { agrees, runGenerated } from '../../oracle/generate.js';
import { python, skipReason } from './pythonSkip.js';

const PROGRAMS = 300;

describe('pymem oracle on generated programs', () => {
  if (!python) {
    it.skip(skipReason, () => {});
    return;
  }
  it(`${PROGRAMS} generated programs agree with python3 ${python.version}`, async () => {
    const outcomes = await runGenerated('oracle-test', PROGRAMS, { python: python!.executable, createEngine: createImplEngine });
    const failing = outcomes.filter((o) => !agrees(o)).map(formatGeneratedFailure);
    expect(failing, failing.join('\n')).toEqual([]);
    // Counts are compared, not skipped, in nearly every statement.
    const steps = outcomes.flatMap((o) => (o.result.ok ? o.result.steps : []));
    expect(steps.filter((s) => s.skipped.length > 0).length).toBeLessThan(steps.length / 100);
  }, 300_000);
});
