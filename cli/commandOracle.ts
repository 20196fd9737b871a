/*
 * `pymem oracle FILE.py` and `pymem oracle --generate N [--seed S]` (SPEC §6): real CPython
 * (`python3`, 3.11) against the implementation. FILE: the comparison statement by statement, exit 1
 * on a disagreement. --generate: N generated programs, `agree/total` and each disagreeing program
 * with its first disagreement. Exit 2 on bad usage, a bad program, or no CPython 3.11.
 */
import { readFileSync } from 'node:fs';
import { parseCommandArgs } from './args.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';
import { readProgram } from '../io/readProgramFile.js';
import { formatGeneratedFailure, formatSteps, formatVerdict } from '../oracle/format.js';
import { agrees, runGenerated } from '../oracle/generate.js';
import { runOracleSync } from '../oracle/oracle.js';
import { checkPython } from '../oracle/python.js';
import { createEngine as createImplEngine } from '../impl/engine.js';

const USAGE = 'FILE.py | --generate N [--seed S]';
const usageError = (message: string) => new UsageError([`pymem oracle: ${message}`, `usage: pymem oracle ${USAGE}`]);

function requirePython(): { version: string; executable: string } {
  const python = checkPython();
  if (!python.ok) throw new UsageError([python.message]);
  return python;
}

function oracleFile(file: string, io: Io): number {
  const program = readProgram(file);
  const { version, executable } = requirePython();
  const result = runOracleSync(program, readFileSync(file, 'utf8'), { python: executable, createEngine: createImplEngine });
  io.out(`pymem oracle: ${file}, the implementation against python3 ${version}\n`);
  if (result.ok) io.out(formatSteps(result.steps).join('\n') + '\n');
  io.out(formatVerdict(result, program.statements.length) + '\n');
  return result.ok && result.disagreements.length === 0 ? EXIT.ok : EXIT.failed;
}

async function oracleGenerated(count: number, seed: string, io: Io): Promise<number> {
  const { version, executable } = requirePython();
  let statements = 0;
  const failing = await runGenerated(seed, count, {
    python: executable,
    createEngine: createImplEngine,
    onOutcome: (o) => void (statements += o.program.statements.length),
    keep: (o) => !agrees(o),
  });
  for (const o of failing) io.out(formatGeneratedFailure(o) + '\n');
  io.out(`agree ${count - failing.length}/${count} (seed ${seed}, ${statements} statements, python3 ${version})\n`);
  return failing.length === 0 ? EXIT.ok : EXIT.failed;
}

export async function commandOracle(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('oracle', args, {
    generate: { type: 'string' },
    seed: { type: 'string' },
  }, USAGE);
  if (values.generate === undefined) {
    if (values.seed !== undefined) throw usageError('--seed goes with --generate');
    if (positionals.length !== 1) throw usageError('expected one program file, or --generate N');
    return oracleFile(positionals[0], io);
  }
  if (positionals.length > 0) throw usageError('give a program file or --generate N, not both');
  if (!/^[1-9][0-9]*$/.test(values.generate)) throw usageError(`--generate needs a positive number of programs, not '${values.generate}'`);
  return oracleGenerated(Number(values.generate), values.seed ?? '0', io);
}
