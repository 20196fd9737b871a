/*
 * `pymem run FILE.py [--engine impl|model] [--snapshot]`: execute a program and print its trace, one
 * JSON line per statement (SPEC §3).
 */
import { ModelEngine } from '../../model/run.js';
import { parseCommandArgs, oneOf } from './args.js';
import { EXIT, UsageError, type Io } from './io.js';
import { readProgram } from './readProgram.js';

const USAGE = 'FILE.py [--engine impl|model] [--snapshot]';

export function commandRun(args: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs('run', args, {
    engine: { type: 'string' },
    snapshot: { type: 'boolean' },
  }, USAGE);
  if (positionals.length !== 1) throw new UsageError([`pymem run: expected one program file`, `usage: pymem run ${USAGE}`]);
  const engineName = oneOf('engine', values.engine, ['model', 'impl'] as const, 'model');
  if (engineName === 'impl') throw new UsageError(['--engine impl: the implementation is not built yet; use --engine model']);
  const program = readProgram(positionals[0]);
  const engine = new ModelEngine();
  for (const s of program.statements) io.out(JSON.stringify(engine.execute(s, { snapshot: values.snapshot })) + '\n');
  return EXIT.ok;
}
