/*
 * `pymem run FILE.py [--engine impl|model] [--snapshot]`: execute a program and print its trace, one
 * JSON line per statement (SPEC §3). The implementation by default; with --snapshot its lines carry
 * every live object (with address and size) and the allocator's state.
 */
import { ModelEngine } from '../model/run.js';
import { ImplEngine } from '../impl/engine.js';
import { parseCommandArgs, oneOf } from './args.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';
import { readProgram } from '../io/readProgramFile.js';

const USAGE = 'FILE.py [--engine impl|model] [--snapshot]';

export function commandRun(args: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs('run', args, {
    engine: { type: 'string' },
    snapshot: { type: 'boolean' },
  }, USAGE);
  if (positionals.length !== 1) throw new UsageError([`pymem run: expected one program file`, `usage: pymem run ${USAGE}`]);
  const engineName = oneOf('engine', values.engine, ['impl', 'model'] as const, 'impl');
  const program = readProgram(positionals[0]);
  const engine = engineName === 'impl' ? new ImplEngine(program) : new ModelEngine(program);
  for (const s of program.statements) io.out(JSON.stringify(engine.execute(s, { snapshot: values.snapshot })) + '\n');
  return EXIT.ok;
}
