/*
 * `pymem check FILE.py`: run the program in lockstep on the model and the implementation (docs/invariants.md) and
 * stop at the first divergence with a report: the invariant, the step and line, the objects, and the
 * program with the failing line marked.
 */
import { contractLevelOf } from '../contract/declaration.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { readProgram } from '../io/readProgramFile.js';
import { printStatement } from '../language/print.js';
import { describeDivergence, failureWhere } from '../properties/lockstep/divergence.js';
import { LockstepCrash } from '../properties/lockstep/lockstepCrash.js';
import { runLockstep } from '../properties/lockstep/lockstep.js';
import { defineCommand } from './commandSpec.js';
import { engineOf } from './engines.js';
import { CONTRACT, CPYTHON, IMPL } from './sharedFlags.js';
import { withCPython, type Program } from '../language/ast.js';

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'run a program on the model and an engine in lockstep',
  about:
    'Runs FILE.py on the reference model and on the implementation (or a plug-in, --impl) side by side, at the level of --contract, comparing them after every statement ' +
    'and at teardown. At the first difference it names the invariant that broke, the step and line, the objects ' +
    'involved, and prints the program with the failing line marked.',
  operands: [{ name: 'FILE.py', help: 'the program to check', count: 'one' }],
  flags: { impl: IMPL, contract: CONTRACT, cpython: CPYTHON },
  exits: { ok: 'every statement agreed', failed: 'the engines diverged (the report says where)' },
  async run({ values, operands }, io) {
    const program = withCPython(readProgram(operands[0]), values.cpython);
    const createEngine = await engineOf(values.impl);
    const contract = contractLevelOf(createEngine, values.contract);
    let result;
    try {
      result = runLockstep(program, createEngine, { contract });
    } catch (e) {
      // The engine (or the model) threw: a failure of the check, reported where it happened.
      if (!(e instanceof LockstepCrash)) throw e;
      io.out(`FAIL the check crashed ${failureWhere(e.step, e.line)}: ${e.name}: ${e.message}\n\n`);
      markProgram(program, e.step, io);
      return EXIT.failed;
    }
    if (!result.divergence) {
      io.out(`ok: ${program.statements.length} statements (${result.steps} with teardown) agree at contract ${contract}, CPython ${program.cpython}\n`);
      return EXIT.ok;
    }
    const d = result.divergence;
    io.out(`FAIL ${describeDivergence(d)}\n\n`);
    markProgram(program, d.step, io);
    return EXIT.failed;
  },
});

/** The program with the statement at `step` marked, or a line saying the step was the teardown's. */
function markProgram(program: Program, step: number, io: Io): void {
  program.statements.forEach((s, i) => {
    const marker = i + 1 === step ? '>>' : '  ';
    io.out(`${marker} ${String(s.loc?.line ?? i + 1).padStart(3)}  ${printStatement(s)}\n`);
  });
  // A failure in the teardown (a leak, a late callback) marks no line of the program: say where it is.
  const teardownStep = step === 0 || step > program.statements.length;
  if (teardownStep) io.out(`>>      (teardown${step > 0 ? `, step ${step}` : ''})\n`);
}
