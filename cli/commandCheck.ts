/*
 * `pymem check FILE.py`: run the program in lockstep on the model and the implementation (docs/invariants.md) and
 * stop at the first divergence with a report: the invariant, the step and line, the objects, and the
 * program with the failing line marked.
 */
import { createEngine as createImplEngine } from '../impl/engine.js';
import { EXIT } from '../io/exitCodes.js';
import { readProgram } from '../io/readProgramFile.js';
import { printStatement } from '../language/print.js';
import { describeDivergence } from '../properties/lockstep/divergence.js';
import { runLockstep } from '../properties/lockstep/lockstep.js';
import { defineCommand } from './commandSpec.js';

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'run a program on the model and the implementation in lockstep',
  about:
    'Runs FILE.py on the reference model and on the implementation side by side, comparing them after every statement ' +
    'and at teardown. At the first difference it names the invariant that broke, the step and line, the objects ' +
    'involved, and prints the program with the failing line marked.',
  operands: [{ name: 'FILE.py', help: 'the program to check', count: 'one' }],
  flags: {},
  exits: { ok: 'every statement agreed', failed: 'the engines diverged (the report says where)' },
  run({ operands }, io) {
    const program = readProgram(operands[0]);
    const result = runLockstep(program, createImplEngine);
    if (!result.divergence) {
      io.out(`ok: ${program.statements.length} statements (${result.steps} with teardown) agree\n`);
      return EXIT.ok;
    }
    const d = result.divergence;
    io.out(`FAIL ${describeDivergence(d)}\n\n`);
    program.statements.forEach((s, i) => {
      const marker = i + 1 === d.step ? '>>' : '  ';
      io.out(`${marker} ${String(s.loc?.line ?? i + 1).padStart(3)}  ${printStatement(s)}\n`);
    });
    return EXIT.failed;
  },
});
