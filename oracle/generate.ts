/*
 * `pymem oracle --generate N`: the oracle on N generated programs. Program i is
 * `programFromSeed(programSeed(seed, i), …, kindsOfIndex(i))`, the campaign's own addressing
 * (properties/generators), so any disagreeing program is reproduced from (seed, i) alone: a quarter of
 * them start and stop tracemalloc, a quarter fork. Every statement kind the generators emit is one the
 * driver runs (raw blocks opaquely: they must leave the object layer untouched).
 *
 * A generated program is printed (language/print.ts) and loaded back, so that CPython runs
 * exactly the text shown in a report and both sides number its lines alike. Programs run in their
 * own python3 processes, as many at a time as there are cores, under the interpreter's version
 * profile (`options.cpython`): the same statements under every version, the header telling which.
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_CPYTHON, type CPythonVersion, type Program } from '../language/ast.js';
import { loadProgram } from '../language/load.js';
import { printProgram } from '../language/print.js';
import { kindsOfIndex, programFromSeed, programSeed } from '../properties/generators/programFromSeed.js';
import { runOracle, type OracleOptions, type OracleResult } from './oracle.js';

export interface GeneratedOutcome {
  index: number;
  program: Program;
  text: string;
  result: OracleResult;
}

/** Program `index` of `seed`, under a version profile (its header says which: `# pymem: cpython=3.12`). */
export function generatedProgram(seed: string | number, index: number, cpython: CPythonVersion = DEFAULT_CPYTHON): { program: Program; text: string } {
  const text = printProgram(programFromSeed(programSeed(seed, index), undefined, kindsOfIndex(index), cpython));
  const loaded = loadProgram(text, `generated-${index}.py`);
  if (!loaded.ok) throw new Error(`generated program ${index} does not load back:\n${loaded.messages.join('\n')}`);
  return { program: loaded.program, text };
}

export const agrees = (o: GeneratedOutcome) => o.result.ok && o.result.disagreements.length === 0;

export interface GenerateOptions extends OracleOptions {
  /** Programs running at once; default one per core. */
  parallel?: number;
  /** Called with every outcome as it comes. */
  onOutcome?: (o: GeneratedOutcome) => void;
  /** Which outcomes to return (default all; a long run keeps only the disagreeing ones). */
  keep?: (o: GeneratedOutcome) => boolean;
}

/** Run programs `0..count-1` of `seed`; the kept outcomes come back in index order. */
export async function runGenerated(seed: string | number, count: number, options: GenerateOptions): Promise<GeneratedOutcome[]> {
  const parallel = options.parallel ?? availableParallelism();
  const kept: GeneratedOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const { program, text } = generatedProgram(seed, index, options.cpython);
      const outcome = { index, program, text, result: await runOracle(program, text, options) };
      options.onOutcome?.(outcome);
      if (!options.keep || options.keep(outcome)) kept.push(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return kept.sort((a, b) => a.index - b.index);
}
