/*
 * `pymem check FILE.py`: run the program in lockstep on the model and the implementation (SPEC §4) and
 * stop at the first divergence with a report: the invariant, the step and line, the objects, and the
 * program with the failing line marked. Exit 1 on a divergence, 0 when every statement agreed.
 */
import { createEngine as createImplEngine } from '../impl/engine.js';
import { printStatement } from '../language/print.js';
import { describeDivergence } from '../properties/lockstep/divergence.js';
import { runLockstep } from '../properties/lockstep/lockstep.js';
import { parseCommandArgs } from './args.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';
import { readProgram } from '../io/readProgramFile.js';

export function commandCheck(args: string[], io: Io): number {
  const { positionals } = parseCommandArgs('check', args, {}, 'FILE.py');
  if (positionals.length !== 1) throw new UsageError(['pymem check: expected one program file', 'usage: pymem check FILE.py']);
  const program = readProgram(positionals[0]);
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
}
