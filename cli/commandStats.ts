/*
 * `pymem stats FILE.py`: run a program and print the allocator's state after it, in the shape of
 * `sys._debugmallocstats()`; with --html, also write a picture of the arenas, pools and blocks. The
 * program runs in lockstep, so the state shown is the allocator model's replay of the engine's own
 * malloc/realloc/free calls, and the freelists are the model's — which the check has just found equal.
 * A plug-in (--impl) is shown the same way when it reports its allocator calls (hooks.wrapAllocator); the
 * allocator model is kept only at the cpython contract, the level at which pymalloc's state is compared.
 */
import { contractLevelOf } from '../contract/declaration.js';
import { EXIT } from '../io/exitCodes.js';
import { readProgram } from '../io/readProgramFile.js';
import { writeOutputFile } from '../io/writeOutputFile.js';
import type { AllocatorModel } from '../model/allocator/model.js';
import type { ModelMachine } from '../model/machine/machine.js';
import { describeDivergence } from '../properties/lockstep/divergence.js';
import { runLockstep } from '../properties/lockstep/lockstep.js';
import { arenaRows, heapPictureHtml } from '../views/allocatorPicture.js';
import { formatDebugMallocStats } from '../views/debugMallocStats.js';
import { defineCommand } from './commandSpec.js';
import { engineOf } from './engines.js';
import { path } from './flagValues.js';
import { CONTRACT, CPYTHON, IMPL } from './sharedFlags.js';
import { withCPython } from '../language/ast.js';
import { UsageError } from '../io/usageError.js';

export const statsCommand = defineCommand({
  name: 'stats',
  summary: "the allocator's statistics after a program, as sys._debugmallocstats() prints them",
  about:
    "Runs FILE.py (checked in lockstep against the model) and prints the allocator's state at its end in the layout of " +
    "CPython's sys._debugmallocstats(): blocks per size class, arenas, pools, and the freelists.",
  operands: [{ name: 'FILE.py', help: 'the program to run', count: 'one' }],
  flags: {
    html: { value: 'OUT.html', help: 'also write a picture of the arenas, pools and blocks to this file', parse: path },
    impl: IMPL,
    contract: { ...CONTRACT, help: 'the contract the engine is checked at while the program runs; the allocator is shown at cpython only (the default)' },
    cpython: CPYTHON,
  },
  exits: { ok: 'the statistics were printed', failed: 'the engine disagreed with the model, so there is no state to show' },
  async run({ values, operands }, io) {
    const program = withCPython(readProgram(operands[0]), values.cpython);
    const createEngine = await engineOf(values.impl);
    const contract = contractLevelOf(createEngine, values.contract);
    if (contract !== 'cpython') {
      throw new UsageError([`the allocator's state is replayed and compared at the cpython contract only, not at ${contract}; give --contract cpython`]);
    }
    let end: { model: ModelMachine; allocator: AllocatorModel | undefined } | undefined;
    const result = runLockstep(program, createEngine, { contract, teardown: false, atEnd: (model, allocator) => void (end = { model, allocator }) });
    if (result.divergence || !end) {
      io.err(`pymem stats: the engine disagrees with the model: ${result.divergence ? describeDivergence(result.divergence) : 'no end state'}\n`);
      return EXIT.failed;
    }
    if (!end.allocator) {
      io.err('pymem stats: the engine reports no allocator calls (hooks.wrapAllocator), so there is no allocator to show\n');
      return EXIT.failed;
    }
    io.out(formatDebugMallocStats(end.allocator.stats(), end.model.freelists.sizes()));
    if (values.html !== undefined) {
      writeOutputFile(values.html, heapPictureHtml(`pymem stats ${operands[0]}`, arenaRows(end.allocator.state)), `--html ${values.html}`);
      io.out(`wrote ${values.html}\n`);
    }
    return EXIT.ok;
  },
});
