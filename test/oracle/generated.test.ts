/*
 * The oracle agrees with CPython on generated programs, the campaign's own (seed, index) programs,
 * under each installed interpreter and its version profile. A disagreement prints the program as
 * Python with its first disagreement, ready to run with `pymem oracle`.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { describe, expect, it } from 'vitest';
import { formatGeneratedFailure } from '../../oracle/format.js';
import { agrees, runGenerated } from '../../oracle/generate.js';
import { interpreters } from './pythonSkip.js';

// A sample per interpreter: the thousand-program runs per version are measurements
// (docs/measurements.md, Version profiles), too slow for every test run.
const PROGRAMS = 80;

for (const { cpython, interpreter, skipReason } of interpreters) {
  describe(`pymem oracle on generated programs, CPython ${cpython}`, () => {
    if (!interpreter) {
      it.skip(skipReason, () => {});
      return;
    }
    it(`${PROGRAMS} generated programs agree with ${interpreter.version}`, async () => {
      const outcomes = await runGenerated('oracle-test', PROGRAMS, { python: interpreter.executable, cpython, createEngine: createImplEngine });
      const failing = outcomes.filter((o) => !agrees(o)).map(formatGeneratedFailure);
      expect(failing, failing.join('\n')).toEqual([]);
      // Counts are compared, not skipped, in nearly every statement.
      const steps = outcomes.flatMap((o) => (o.result.ok ? o.result.steps : []));
      expect(steps.filter((s) => s.skipped.length > 0).length).toBeLessThan(steps.length / 100);
    }, 600_000);
  });
}
