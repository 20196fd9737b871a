/*
 * `pymem run FILE.py`: execute a program and print its trace, one JSON line per statement (docs/trace.md).
 * The implementation by default; with --snapshot its lines carry every live object (with address and
 * size) and the allocator's state.
 */
import { EXIT } from '../io/exitCodes.js';
import { readProgram } from '../io/readProgramFile.js';
import { createModelEngine } from '../model/run.js';
import { defineCommand } from './commandSpec.js';
import { engineOf } from './engines.js';
import { oneOf } from './flagValues.js';
import { CPYTHON, IMPL } from './sharedFlags.js';
import { withCPython } from '../language/ast.js';
import { crashAt } from '../properties/lockstep/lockstepCrash.js';

export const runCommand = defineCommand({
  name: 'run',
  summary: 'execute a program and print its trace, one JSON line per statement',
  about:
    'Executes FILE.py statement by statement and prints one JSON line per statement: the objects it freed, the ' +
    'finalizers and weakref callbacks that ran, the collections it triggered and the generation counts after it; ' +
    'after tracemalloc.start(), the traced memory (in all and per program line); after fork(), the pages written ' +
    'since. On the implementation by default, on the reference model with --engine model, or on a plug-in with --impl.',
  operands: [{ name: 'FILE.py', help: 'the program (docs/language.md; `pymem prelude` makes it run in CPython)', count: 'one' }],
  flags: {
    engine: { value: 'ENGINE', help: 'which engine executes it: impl, the implementation, or model, the reference model', parse: oneOf<'impl' | 'model'>(['impl', 'model']), default: 'impl' },
    snapshot: { help: 'add every live object (address, sys.getsizeof) and the allocator state to each line' },
    impl: { ...IMPL, help: 'run it on your own memory manager: an ES module exporting createEngine (docs/plugins.md)', excludes: ['engine'] },
    cpython: CPYTHON,
  },
  exits: { ok: 'the trace was printed', failed: 'the engine threw (the message says at which statement; the trace up to it was printed)' },
  async run({ values, operands }, io) {
    const program = withCPython(readProgram(operands[0]), values.cpython);
    const createEngine = values.engine === 'model' ? createModelEngine : await engineOf(values.impl);
    const engine = createEngine(program, {});
    program.statements.forEach((s, i) => {
      let line;
      try {
        line = engine.execute(s, { snapshot: values.snapshot });
      } catch (e) {
        throw crashAt(e, i + 1, s.loc?.line ?? i + 1); // reported by main: where, and what was thrown
      }
      io.out(JSON.stringify(line) + '\n');
    });
    return EXIT.ok;
  },
});
