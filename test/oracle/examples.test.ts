/*
 * The oracle agrees with CPython on every example (examples/*.py), statement by statement, with no
 * value left uncompared: every example's counts are vouched for by the driver. Under each installed
 * interpreter, the implementation running that interpreter's version profile.
 *
 * An example of more than LONG_EXAMPLE statements (the 2000-allocation threshold example) is left to
 * test/examples.test.ts, which already runs it in each interpreter (its observed trace, tools/observe.py
 * --compare) and holds both engines to that trace: the same agreement, at a third of the driver runs.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDisagreement } from '../../oracle/format.js';
import { runOracleSync } from '../../oracle/oracle.js';
import { EXAMPLES_DIR, examplePrograms } from '../helpers/programs.js';
import { interpreters } from './pythonSkip.js';

const LONG_EXAMPLE = 500;

for (const { cpython, interpreter, skipReason } of interpreters) {
  describe(`pymem oracle on the examples, CPython ${cpython}`, () => {
    if (!interpreter) {
      it.skip(skipReason, () => {});
      return;
    }
    for (const { name, program } of examplePrograms()) {
      if (program.statements.length > LONG_EXAMPLE) {
        it.skip(`${name}: ${program.statements.length} statements, checked against ${interpreter.version} by test/examples.test.ts`, () => {});
        continue;
      }
      it(`${name} agrees with ${interpreter.version}`, () => {
        const result = runOracleSync(program, readFileSync(join(EXAMPLES_DIR, name), 'utf8'), {
          python: interpreter.executable, cpython, createEngine: createImplEngine,
        });
        if (!result.ok) throw new Error(result.message);
        expect(result.disagreements.map(describeDisagreement)).toEqual([]);
        expect(result.steps.flatMap((s) => s.skipped)).toEqual([]);
        expect(result.steps).toHaveLength(program.statements.length);
      });
    }
  });
}
