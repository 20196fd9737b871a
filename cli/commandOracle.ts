/*
 * `pymem oracle FILE.py` and `pymem oracle --generate N` (docs/oracle.md): real CPython (3.11, 3.12 or
 * 3.13: `--python`, or one of `--cpython`'s version, else `python3`) against the implementation, or a
 * plug-in (--impl), under the profile of the interpreter's own version. FILE: the comparison statement by
 * statement, exit 1 on a disagreement. --generate: N generated programs, `agree/total` and each
 * disagreeing program with its first disagreement. No usable interpreter is bad input, as a bad program
 * is: nothing has been compared.
 */
import type { CreateEngine } from '../contract/engine.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { readProgramFile } from '../io/readProgramFile.js';
import { UsageError } from '../io/usageError.js';
import { formatGeneratedFailure, formatSteps, formatVerdict } from '../oracle/format.js';
import { agrees, runGenerated } from '../oracle/generate.js';
import { runOracleSync } from '../oracle/oracle.js';
import { defineCommand, usageLine, type CommandSpec } from './commandSpec.js';
import { engineOf } from './engines.js';
import { seed, wholeNumber } from './flagValues.js';
import type { Interpreter } from '../oracle/findInterpreters.js';
import { chooseInterpreter } from './interpreter.js';
import { CPYTHON, IMPL, PYTHON } from './sharedFlags.js';

function oracleFile(file: string, createEngine: CreateEngine, engine: string, python: Interpreter, io: Io): number {
  const { program, text } = readProgramFile(file);
  const { version, executable, cpython } = python;
  const result = runOracleSync(program, text, { python: executable, createEngine, cpython });
  io.out(`pymem oracle: ${file}, ${engine} (profile ${cpython}) against CPython ${version} (${executable})\n`);
  if (result.ok) io.out(formatSteps(result.steps).join('\n') + '\n');
  io.out(formatVerdict(result, program.statements.length) + '\n');
  return result.ok && result.disagreements.length === 0 ? EXIT.ok : EXIT.failed;
}

async function oracleGenerated(count: number, seed: string, createEngine: CreateEngine, python: Interpreter, io: Io): Promise<number> {
  const { version, executable, cpython } = python;
  let statements = 0;
  const failing = await runGenerated(seed, count, {
    python: executable,
    createEngine,
    cpython,
    onOutcome: (o) => void (statements += o.program.statements.length),
    keep: (o) => !agrees(o),
  });
  for (const o of failing) io.out(formatGeneratedFailure(o) + '\n');
  io.out(`agree ${count - failing.length}/${count} (seed ${seed}, ${statements} statements, profile ${cpython}, CPython ${version})\n`);
  return failing.length === 0 ? EXIT.ok : EXIT.failed;
}

export const oracleCommand: CommandSpec = defineCommand({
  name: 'oracle',
  summary: 'the implementation against real CPython (3.11, 3.12 or 3.13): a program, or N generated ones',
  about:
    'Runs a program in CPython (--python, or an interpreter of the --cpython version, else python3 on the PATH) with the ' +
    'prelude, observes what CPython did after every statement — reference counts, finalizers, weakref callbacks, ' +
    'collections, allocator figures — and compares it with the implementation under the version profile of that ' +
    'interpreter, statement by statement. With --generate N instead of FILE.py, does the same for N programs ' +
    'generated from the seed (under that profile) and prints each one that disagrees.',
  operands: [{ name: 'FILE.py', help: 'the program to compare; left out with --generate', count: 'optional' }],
  flags: {
    generate: { value: 'N', help: 'compare N generated programs instead of a file', parse: wholeNumber(1, 1_000_000) },
    seed: { value: 'S', help: 'with --generate: the seed the programs derive from (default 0)', parse: seed },
    impl: { ...IMPL, help: 'compare your own memory manager with CPython instead of pymem\'s implementation: an ES module exporting createEngine (docs/plugins.md)' },
    python: PYTHON,
    cpython: { ...CPYTHON, help: 'compare with an interpreter of this version (found on PATH or by pyenv), under its profile; with --python, must be that interpreter\'s version' },
  },
  exits: { ok: 'CPython and the implementation agree on every statement', failed: 'they disagree (each disagreement is printed)' },
  async run({ values, operands }, io) {
    const usage = (message: string) => new UsageError([message, usageLine(oracleCommand)]);
    if (values.generate === undefined) {
      if (values.seed !== undefined) throw usage('--seed goes with --generate');
      if (operands.length !== 1) throw usage('expected one program file, or --generate N');
    } else if (operands.length > 0) {
      throw usage('give a program file or --generate N, not both');
    }
    const python = chooseInterpreter(values.python, values.cpython);
    const createEngine = await engineOf(values.impl);
    if (values.generate === undefined) return oracleFile(operands[0], createEngine, values.impl ? 'the plug-in' : 'the implementation', python, io);
    return oracleGenerated(values.generate, values.seed ?? '0', createEngine, python, io);
  },
});
