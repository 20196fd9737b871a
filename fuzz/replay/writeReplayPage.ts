/*
 * `pymem replay FINDING --html OUT.html`: the finding's program replayed in lockstep with every step
 * recorded (recordReplay.ts), each step's heap laid out by Graphviz (views/graphvizSvg.ts), and the
 * page (views/replayPage.ts) written whole (io/atomicFiles.ts).
 *
 * A divergence, or an exception the engine threw, replays in-process. A hang, or a worker that died,
 * cannot (it would hang or kill this process): its page shows the program and the finding's message,
 * and says to run `pymem replay` without --html, which re-runs it in a worker under its limits.
 */
import { writeOutputFile } from '../../io/writeOutputFile.js';
import { heapDot } from '../../views/heapDot.js';
import { dotToSvg } from '../../views/graphvizSvg.js';
import { replayPageHtml } from '../../views/replayPage.js';
import type { ReplayRecording } from '../../views/replayRecording.js';
import { printStatement } from '../../language/print.js';
import type { CPythonVersion, Program } from '../../language/ast.js';
import type { CreateEngine } from '../../contract/engine.js';
import { describeEngine, type EngineLoader } from '../protocol/engineChoice.js';
import type { ContractLevel } from '../../contract/declaration.js';
import type { Failure } from '../protocol/protocol.js';
import { type FindingRecord, failureLabel } from '../store/findingRecord.js';
import { sameFailure } from '../worker/checkProgram.js';
import { recordReplay } from './recordReplay.js';
import { findingToReplay } from './replayFinding.js';

export interface ReplayPage {
  html: string;
  recording: ReplayRecording;
}

const headerOf = (text: string) => (text.startsWith('# pymem:') ? text.split('\n')[0] : null);

/** The page of a program replayed on an engine; `expected` is the finding's failure, if there is one. */
export async function buildReplayPage(
  program: Program, programText: string, createEngine: CreateEngine, title: string, engine: string, expected: Failure | null, contract?: ContractLevel,
): Promise<ReplayPage> {
  const run = recordReplay(program, createEngine, contract);
  const failure = run.failure;
  const verdict = !failure ? 'passes now' : !expected ? 'fails' : sameFailure(expected, failure) ? 'reproduced' : 'fails differently';
  const differing = run.steps.find((s) => s.differences.length > 0)?.step ?? null;
  const failingStep = failure ? (failure.step > 0 ? failure.step : run.steps.length) : null;
  const firstDivergence = differing !== null && failingStep !== null ? Math.min(differing, failingStep) : differing ?? failingStep;
  const recording: ReplayRecording = {
    title, engine, header: headerOf(programText), program: program.statements.map((s) => printStatement(s)),
    failure: failure && { label: failureLabel(failure), message: failure.message, step: failure.step, line: failure.line, objects: failure.objects },
    verdict, steps: run.steps, firstDivergence, compared: run.compared,
  };
  const pictures: string[] = [];
  for (const step of run.steps) pictures.push(await dotToSvg(heapDot(step.heap)));
  return { html: replayPageHtml(recording, pictures), recording };
}

/** The page of a finding: a divergence or an in-process exception replayed step by step. */
/**
 * `impl`: a plug-in to replay instead of the recorded one (`pymem replay --impl MODULE`); `cpython`: a version
 * profile instead of the finding's (`--cpython`).
 */
export async function findingReplayPage(record: FindingRecord, file: string, engines: EngineLoader, impl?: string, cpython?: CPythonVersion): Promise<ReplayPage> {
  const { program, expected, contract, recorded } = findingToReplay(record, file, { impl, cpython });
  const engine = describeEngine(record.engine);
  if (record.kind === 'hang' || record.status === 'as-found' && record.kind === 'crash') {
    const recording: ReplayRecording = {
      title: record.signature, engine, header: headerOf(record.program), program: program.statements.map((s) => printStatement(s)),
      failure: { label: failureLabel(record), message: record.message, step: record.step, line: record.line, objects: record.objects },
      verdict: `not replayed here: a ${record.kind} that ${record.kind === 'hang' ? 'ran past the time limit' : 'killed its worker'} is re-run only in a worker (pymem replay without --html)`,
      steps: [], firstDivergence: null,
    };
    return { html: replayPageHtml(recording, []), recording };
  }
  return buildReplayPage(program, record.program, await engines.load(recorded.choice), record.signature, engine, expected, contract);
}

/** Writes the page of a finding to `out` (whole, or not at all) and returns what it showed. */
export async function writeReplayPage(record: FindingRecord, file: string, engines: EngineLoader, out: string, impl?: string, cpython?: CPythonVersion): Promise<ReplayRecording> {
  const page = await findingReplayPage(record, file, engines, impl, cpython);
  writeOutputFile(out, page.html, `--html ${out}`);
  return page.recording;
}
