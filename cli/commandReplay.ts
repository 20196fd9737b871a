/*
 * `pymem replay FINDING.json`: re-run a campaign's finding (docs/campaign.md) and show the failing step, the
 * program as Python with that line marked, and what the model and the implementation each said at that
 * step. With --dot, a picture of the heap at that step: FILE in Graphviz DOT and, beside it, FILE's name
 * with .svg, laid out by Graphviz (compiled to WebAssembly). With --html, a self-contained page that
 * steps through the whole program, model and engine side by side (fuzz/replay/writeReplayPage.ts).
 */
import { printStatement } from '../language/print.js';
import { readFinding } from '../fuzz/store/findingStore.js';
import { describeEngine } from '../fuzz/protocol/engineChoice.js';
import { failureLabel } from '../fuzz/store/findingRecord.js';
import { describeFailure } from '../fuzz/report/summary.js';
import { replayFinding } from '../fuzz/replay/replayFinding.js';
import { cpythonCommand } from '../fuzz/store/replayHints.js';
import { parseProgramText } from '../fuzz/worker/shrinkFailure.js';
import { writeHeapPicture } from '../fuzz/replay/writeHeapPicture.js';
import { writeReplayPage } from '../fuzz/replay/writeReplayPage.js';
import { formatDifferences } from '../fuzz/replay/traceDiff.js';
import { EXIT } from '../io/exitCodes.js';
import { defineCommand } from './commandSpec.js';
import { engineLoader } from './engines.js';
import { path } from './flagValues.js';
import { CPYTHON, IMPL } from './sharedFlags.js';

export const replayCommand = defineCommand({
  name: 'replay',
  summary: "re-run a campaign's finding: the failing step, the program, model against implementation",
  about:
    "Re-runs the program of a finding (a file in a campaign's findings/ folder) with the engine and the limits it was " +
    'found with, and says whether it still fails the same way. Prints the program as Python with the failing line ' +
    'marked, and the fields on which the model and the implementation differ at that step.',
  operands: [{ name: 'FINDING.json', help: 'a finding: CAMPAIGN/findings/<signature>.json', count: 'one' }],
  flags: {
    dot: { value: 'FILE', help: "write the heap at the failing step as Graphviz DOT to FILE, and as SVG beside it (FILE's name with .svg)", parse: path },
    program: { help: "print the finding's program (its header comment included) and nothing else, without running it: for CPython, (npx pymem prelude; npx pymem replay FILE --program) | python3 -", excludes: ['dot', 'html', 'impl', 'cpython'] },
    impl: { ...IMPL, help: 'replay with this plug-in instead of the one the finding recorded (moved, or fixed); pymem says when it changed since the finding' },
    cpython: { ...CPYTHON, help: "replay under this version profile instead of the finding's (its program's header)" },
    html: { value: 'FILE', help: 'write a self-contained page that steps through the program: model and engine side by side, what changed at each step, the first divergence highlighted (←/→ step, d jumps to it)', parse: path },
  },
  exits: { ok: 'the program no longer fails (with --program: the program was printed)', failed: 'the failure reproduced, or the program now fails differently' },
  async run({ values, operands }, io) {
    const file = operands[0];
    const record = readFinding(file);
    if (values.program) {
      parseProgramText(record.program, `${file} (its program)`); // an edited program is a usage error, not Python to run
      io.out(record.program);
      return EXIT.ok;
    }
    io.out(`finding ${record.signature}: ${failureLabel(record)}, ${record.status}; program ${record.index} of seed ${record.seed} ` +
      `(shard ${record.shard.index}/${record.shard.count}, ${record.origin}), ${describeEngine(record.engine)}\n`);
    const impl = values.impl?.kind === 'module' ? values.impl.module : undefined;
    const replay = await replayFinding(record, file, engineLoader, { impl, cpython: values.cpython });
    if (replay.plugin?.note) io.out(`note: ${replay.plugin.note}\n`);
    io.out(`contract: ${replay.contract}, CPython ${replay.program.cpython}\n`);
    const f = replay.failure;
    if (!f) io.out('does not reproduce: the program now passes\n');
    else io.out(`${replay.reproduced ? 'reproduced' : 'FAILS DIFFERENTLY'}: ${describeFailure(f)}\n`);
    io.out(`\nprogram (run it in CPython: ${cpythonCommand(file, undefined, record.cpython)}):\n`);
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
        const svg = await writeHeapPicture(replay.heap, values.dot);
        io.out(`\nheap at the failing step: ${values.dot} (Graphviz DOT) and ${svg}\n`);
      }
    }
    if (values.html !== undefined) {
      const recording = await writeReplayPage(record, file, engineLoader, values.html, impl, values.cpython);
      io.out(`\nreplay page: ${values.html} (${recording.verdict})\n`);
    }
    return f ? EXIT.failed : EXIT.ok;
  },
});
