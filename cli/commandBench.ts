/*
 * `pymem bench`: the benchmarks (bench/README.md), each next to its anchor and target. --quick runs every
 * benchmark at a small size (a smoke run; its numbers mean little; the planted bugs with one seed).
 * Every section runs by default (the planted bugs take minutes); --only runs some.
 */
import { plantedBugFigures, PLANTED_SEEDS } from '../bench/plantedBugs.js';
import { FULL_SIZES, QUICK_SIZES, SECTIONS, formatBench, runBench, type Section } from '../bench/runBench.js';
import { EXIT } from '../io/exitCodes.js';
import { defineCommand } from './commandSpec.js';
import { engineOf } from './engines.js';
import { listOf } from './flagValues.js';
import { CPYTHON, IMPL, PYTHON } from './sharedFlags.js';
import { chooseInterpreter } from './interpreter.js';
import { UsageError } from '../io/usageError.js';

export const benchCommand = defineCommand({
  name: 'bench',
  summary: 'the benchmarks, each against its anchor and target',
  about:
    'Measures the implementation: the standard mix of statements against CPython (3.11 by default) run in the same session, the ' +
    'garbage collector, scaling to millions of objects, checked programs per second, the mutation score of the last ' +
    '`npm run mutation` (read, not rerun), and how fast campaigns find the planted bugs. Each figure is printed next to ' +
    'its anchor and its target; progress goes to stderr.',
  operands: [],
  flags: {
    json: { help: 'print the figures as JSON instead of a table' },
    quick: { help: `a smoke run: every benchmark at a small size, the planted bugs with one seed instead of ${PLANTED_SEEDS}` },
    impl: { ...IMPL, help: 'measure the checked throughput of your own memory manager instead of pymem\'s (with --only checked)' },
    cpython: { ...CPYTHON, help: 'the profile the implementation runs under, measured against an interpreter of that version (found on PATH or by pyenv; default: python3\'s version)' },
    python: { ...PYTHON, help: 'the interpreter the anchors are measured with; its version selects the implementation\'s profile' },
    only: { value: 'SECTIONS', help: `run only these sections, comma-separated: ${SECTIONS.join(', ')}`, parse: listOf<Section>(SECTIONS), default: SECTIONS.join(',') },
  },
  exits: { ok: 'the figures were printed (a missed target is reported, not an error)' },
  async run({ values }, io) {
    const log = values.json ? undefined : (l: string) => io.err(`bench: ${l}\n`);
    const chosen = values.only;
    if (values.impl && chosen.some((s) => s !== 'checked')) {
      throw new UsageError(['--impl measures the checked throughput of a plug-in: give it with --only checked']);
    }
    const checkedEngine = values.impl ? await engineOf(values.impl) : undefined;
    // Named, the interpreter must exist and be of the profile's version; unnamed, python3 measures the 3.11
    // anchors when it can, and a missing one is a note in the output, as it always was.
    const needsPython = chosen.includes('mix') || chosen.includes('collector');
    const chosenPython = values.python !== undefined || (values.cpython !== undefined && needsPython)
      ? chooseInterpreter(values.python, values.cpython) : undefined;
    const profile = chosenPython ? { python: chosenPython.executable, cpython: chosenPython.cpython } : { cpython: values.cpython };
    const result = chosen.some((s) => s !== 'planted')
      ? runBench(values.quick ? QUICK_SIZES : FULL_SIZES, log, chosen, checkedEngine, profile)
      : { figures: [], notes: [] };
    if (chosen.includes('planted')) result.figures.push(...(await plantedBugFigures(values.quick ? 1 : PLANTED_SEEDS, log)));
    io.out(values.json ? JSON.stringify(result, null, 2) + '\n' : formatBench(result));
    return EXIT.ok;
  },
});
