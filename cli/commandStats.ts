/*
 * `pymem stats FILE.py [--html OUT.html]`: run a program and print the allocator's state after it, in the
 * shape of `sys._debugmallocstats()`; with --html, also write a picture of the arenas, pools and blocks.
 * The program runs in lockstep, so the state shown is the allocator model's replay of the engine's own
 * malloc/realloc/free calls, and the freelists are the model's — which the check has just found equal.
 */
import { writeFileAtomically } from '../io/atomicFiles.js';
import { createEngine as createImplEngine } from '../impl/engine.js';
import type { AllocatorModel } from '../model/allocator/model.js';
import type { ModelMachine } from '../model/machine/machine.js';
import { describeDivergence } from '../properties/lockstep/divergence.js';
import { runLockstep } from '../properties/lockstep/lockstep.js';
import { arenaRows, heapPictureHtml } from '../views/allocatorPicture.js';
import { formatDebugMallocStats } from '../views/debugMallocStats.js';
import { parseCommandArgs } from './args.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';
import { readProgram } from '../io/readProgramFile.js';

const USAGE = 'FILE.py [--html OUT.html]';

export function commandStats(args: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs('stats', args, { html: { type: 'string' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(['pymem stats: expected one program file', `usage: pymem stats ${USAGE}`]);
  const program = readProgram(positionals[0]);
  let end: { model: ModelMachine; allocator: AllocatorModel | undefined } | undefined;
  const result = runLockstep(program, createImplEngine, { teardown: false, atEnd: (model, allocator) => void (end = { model, allocator }) });
  if (result.divergence || !end) {
    io.err(`pymem stats: the engine disagrees with the model: ${result.divergence ? describeDivergence(result.divergence) : 'no end state'}\n`);
    return EXIT.failed;
  }
  if (!end.allocator) {
    io.err('pymem stats: the engine reports no allocator calls (hooks.wrapAllocator), so there is no allocator to show\n');
    return EXIT.failed;
  }
  io.out(formatDebugMallocStats(end.allocator.stats(), end.model.freelists.sizes()));
  if (values.html) {
    const html = heapPictureHtml(`pymem stats ${positionals[0]}`, arenaRows(end.allocator.state));
    try {
      writeFileAtomically(values.html, html);
    } catch (e) {
      throw new UsageError([`--html ${values.html}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
    }
    io.out(`wrote ${values.html}\n`);
  }
  return EXIT.ok;
}
