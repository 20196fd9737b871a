/*
 * `pymem stats FILE.py [--html OUT.html]`: run a program on the implementation and print the allocator's
 * state after it, in the shape of `sys._debugmallocstats()`; with --html, also write a picture of the
 * arenas, pools and blocks.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { ImplEngine } from '../../impl/engine.js';
import { arenaRows, heapPictureHtml } from '../stats/heapPicture.js';
import { formatDebugMallocStats } from '../stats/debugMallocStats.js';
import { parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Io } from './io.js';
import { readProgram } from './readProgram.js';

const USAGE = 'FILE.py [--html OUT.html]';

export function commandStats(args: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs('stats', args, { html: { type: 'string' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(['pymem stats: expected one program file', `usage: pymem stats ${USAGE}`]);
  const program = readProgram(positionals[0]);
  const engine = new ImplEngine(program);
  for (const s of program.statements) engine.executeStatement(s);
  const rt = engine.rt;
  const free = rt.freelists;
  io.out(formatDebugMallocStats(rt.pymalloc.stats(), {
    dicts: free.dicts.length,
    lists: free.lists.length,
    keys: free.keys.length,
    tuples: Array.from({ length: 20 }, (_, i) => free.tupleStack(i + 1).length),
  }));
  if (values.html) {
    const html = heapPictureHtml(`pymem stats ${positionals[0]}`, arenaRows(rt.pymalloc));
    const temporary = `${values.html}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, html);
      renameSync(temporary, values.html);
    } catch (e) {
      throw new UsageError([`--html ${values.html}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
    }
    io.out(`wrote ${values.html}\n`);
  }
  return EXIT.ok;
}
