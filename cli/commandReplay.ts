/*
 * `pymem replay FINDING.json [--dot FILE]`: re-run a campaign's finding (SPEC §6) and show the failing
 * step, the program as Python with that line marked, and what the model and the implementation each
 * said at that step. With --dot, a picture of the heap at that step: FILE in Graphviz DOT and, beside
 * it, FILE's name with .svg, rendered by pymem itself. Exit 1 when the failure reproduces (as
 * `pymem check`), 0 when the program now passes, 2 on a missing or corrupt finding file.
 */
import { writeFileSync } from 'node:fs';
import { printStatement } from '../language/print.js';
import { readFinding } from '../fuzz/store/findingStore.js';
import { describeEngine } from '../fuzz/protocol/engineChoice.js';
import { failureLabel } from '../fuzz/store/findingRecord.js';
import { heapDot } from '../views/heapDot.js';
import { heapSvg } from '../views/heapSvg.js';
import type { Failure } from '../fuzz/protocol/protocol.js';
import { replayFinding } from '../fuzz/replay/replayFinding.js';
import { formatDifferences } from '../fuzz/replay/traceDiff.js';
import { parseCommandArgs } from './args.js';
import { engineLoader } from './engines.js';
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';

const USAGE = 'FINDING.json [--dot FILE]';

function describeFailure(f: Failure): string {
  const where = f.step === 0 ? 'at teardown' : `at step ${f.step} (line ${f.line})`;
  const objects = f.objects.length > 0 ? ` [objects ${f.objects.join(', ')}]` : '';
  return f.kind === 'divergence' ? `${f.invariant} ${where}: ${f.message}${objects}` : `${f.kind}: ${f.message}`;
}

export function svgFileFor(dotFile: string): string {
  return dotFile.endsWith('.dot') ? `${dotFile.slice(0, -4)}.svg` : `${dotFile}.svg`;
}

export async function commandReplay(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('replay', args, { dot: { type: 'string' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(['pymem replay: expected one finding file', `usage: pymem replay ${USAGE}`]);
  const file = positionals[0];
  const record = readFinding(file);
  io.out(`finding ${record.signature}: ${failureLabel(record)}, ${record.status}; program ${record.index} of seed ${record.seed} ` +
    `(shard ${record.shard.index}/${record.shard.count}, ${record.origin}), ${describeEngine(record.engine)}\n`);
  const replay = await replayFinding(record, file, engineLoader);
  const f = replay.failure;
  if (!f) io.out('does not reproduce: the program now passes\n');
  else io.out(`${replay.reproduced ? 'reproduced' : 'FAILS DIFFERENTLY'}: ${describeFailure(f)}\n`);
  io.out(`\nprogram (run it in CPython: (npx pymem prelude; cat prog.py) > x.py && python3 x.py):\n`);
  const failingStep = f && f.kind === 'divergence' ? f.step : -1;
  if (record.program.startsWith('# pymem:')) io.out(`      ${record.program.split('\n')[0]}\n`);
  replay.program.statements.forEach((s, i) => {
    io.out(`${i + 1 === failingStep ? '>>' : '  '} ${String(i + 1).padStart(3)}  ${printStatement(s)}\n`);
  });
  if (f?.kind === 'divergence' && f.step > replay.program.statements.length) io.out(`>>      (teardown, step ${f.step})\n`);
  if (replay.differences) {
    io.out(`\nmodel vs implementation ${f!.step === 0 ? 'at the last step' : `after step ${f!.step}`}:\n`);
    io.out(formatDifferences(replay.differences).join('\n') + '\n');
  }
  if (values.dot !== undefined) {
    if (!replay.heap) {
      io.out(`\n--dot: no heap picture for a ${record.kind} that does not reproduce in lockstep\n`);
    } else {
      writeOutput(values.dot, heapDot(replay.heap));
      writeOutput(svgFileFor(values.dot), heapSvg(replay.heap));
      io.out(`\nheap at the failing step: ${values.dot} (Graphviz DOT) and ${svgFileFor(values.dot)}\n`);
    }
  }
  return f ? EXIT.failed : EXIT.ok;
}

function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError([`--dot ${file}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
}
