/*
 * `pymem oracle FILE.py` and `pymem oracle --generate N` (docs/oracle.md): real CPython (`python3`, 3.11)
 * against the implementation, or a plug-in (--impl). FILE: the comparison statement by statement, exit 1 on a disagreement.
 * --generate: N generated programs, `agree/total` and each disagreeing program with its first
 * disagreement. No CPython 3.11 is bad input, as a bad program is: nothing has been compared.
 */
import type { CreateEngine } from '../contract/engine.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { readProgramFile } from '../io/readProgramFile.js';
import { UsageError } from '../io/usageError.js';
import { formatGeneratedFailure, formatSteps, formatVerdict } from '../oracle/format.js';
import { agrees, runGenerated } from '../oracle/generate.js';
import { runOracleSync } from '../oracle/oracle.js';
import { checkPython } from '../oracle/python.js';
import { defineCommand, usageLine, type CommandSpec } from './commandSpec.js';
import { engineOf } from './engines.js';
import { seed, wholeNumber } from './flagValues.js';
import { IMPL } from './sharedFlags.js';

function requirePython(): { version: string; executable: string } {
  const python = checkPython();
  if (!python.ok) throw new UsageError([python.message]);
  return python;
}

function oracleFile(file: string, createEngine: CreateEngine, engine: string, io: Io): number {
  const { program, text } = readProgramFile(file);
  const { version, executable } = requirePython();
  const result = runOracleSync(program, text, { python: executable, createEngine });
  io.out(`pymem oracle: ${file}, ${engine} against python3 ${version}\n`);
  if (result.ok) io.out(formatSteps(result.steps).join('\n') + '\n');
  io.out(formatVerdict(result, program.statements.length) + '\n');
  return result.ok && result.disagreements.length === 0 ? EXIT.ok : EXIT.failed;
}

async function oracleGenerated(count: number, seed: string, createEngine: CreateEngine, io: Io): Promise<number> {
  const { version, executable } = requirePython();
  let statements = 0;
  const failing = await runGenerated(seed, count, {
    python: executable,
    createEngine,
    onOutcome: (o) => void (statements += o.program.statements.length),
    keep: (o) => !agrees(o),
  });
  for (const o of failing) io.out(formatGeneratedFailure(o) + '\n');
  io.out(`agree ${count - failing.length}/${count} (seed ${seed}, ${statements} statements, python3 ${version})\n`);
  return failing.length === 0 ? EXIT.ok : EXIT.failed;
}

export const oracleCommand: CommandSpec = defineCommand({
  name: 'oracle',
  summary: 'the implementation against real CPython 3.11: a program, or N generated ones',
  about:
    'Runs a program in CPython 3.11 (python3 on the PATH) with the prelude, observes what CPython did after every ' +
    'statement — reference counts, finalizers, weakref callbacks, collections, allocator figures — and compares it with ' +
    'the implementation, statement by statement. With --generate N instead of FILE.py, does the same for N programs ' +
    'generated from the seed and prints each one that disagrees.',
  operands: [{ name: 'FILE.py', help: 'the program to compare; left out with --generate', count: 'optional' }],
  flags: {
    generate: { value: 'N', help: 'compare N generated programs instead of a file', parse: wholeNumber(1, 1_000_000) },
    seed: { value: 'S', help: 'with --generate: the seed the programs derive from (default 0)', parse: seed },
    impl: { ...IMPL, help: 'compare your own memory manager with CPython instead of pymem\'s implementation: an ES module exporting createEngine (docs/plugins.md)' },
  },
  exits: { ok: 'CPython and the implementation agree on every statement', failed: 'they disagree (each disagreement is printed)' },
  async run({ values, operands }, io) {
    const usage = (message: string) => new UsageError([message, usageLine(oracleCommand)]);
    if (values.generate === undefined) {
      if (values.seed !== undefined) throw usage('--seed goes with --generate');
      if (operands.length !== 1) throw usage('expected one program file, or --generate N');
      return oracleFile(operands[0], await engineOf(values.impl), values.impl ? 'the plug-in' : 'the implementation', io);
    }
    if (operands.length > 0) throw usage('give a program file or --generate N, not both');
    return oracleGenerated(values.generate, values.seed ?? '0', await engineOf(values.impl), io);
  },
});
