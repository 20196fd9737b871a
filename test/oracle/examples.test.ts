/*
 * The oracle agrees with CPython on every example (examples/*.py), statement by statement, with no
 * value left uncompared: every example's counts are vouched for by the driver. Under each installed
 * interpreter, the implementation running that interpreter's version profile.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDisagreement } from '../../oracle/format.js';
import { runOracleSync } from '../../oracle/oracle.js';
import { EXAMPLES_DIR, examplePrograms } from '../helpers/programs.js';
import { interpreters } from './pythonSkip.js';

for (const { cpython, interpreter, skipReason } of interpreters) {
  describe(`pymem oracle on the examples, CPython ${cpython}`, () => {
    if (!interpreter) {
      it.skip(skipReason, () => {});
      return;
    }
    for (const { name, program } of examplePrograms()) {
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
