/*
 * Re-running a finding (`pymem replay`, and the report's heap pictures). A divergence or an exception
 * replays in-process, in lockstep, recording the implementation's trace lines so that the failing step
 * can be compared field by field and pictured; a hang or a dead worker replays in a worker process with
 * the campaign's time and memory limits, so replay neither hangs nor dies itself.
 */
import { withCPython, type Program } from '../../language/ast.js';
import type { TraceLine } from '../../contract/trace.js';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_PROGRAM_TIMEOUT_MS } from '../campaign/campaign.js';
import { checkInWorker } from './checkInWorker.js';
import { checkProgram, sameFailure } from '../worker/checkProgram.js';
import type { EngineLoader } from '../protocol/engineChoice.js';
import type { FindingRecord } from '../store/findingRecord.js';
import { heapPicture, type HeapPicture } from '../../views/heapPicture.js';
import type { Failure } from '../protocol/protocol.js';
import { parseProgramText } from '../worker/shrinkFailure.js';
import { type FieldDifference, traceDifferences } from './traceDiff.js';

export interface Replay {
  program: Program;
  /** How the program fails now (null: it passes). */
  failure: Failure | null;
  reproduced: boolean;
  /** At the failing step, when both engines produced a trace line for it. */
  differences: FieldDifference[] | null;
  heap: HeapPicture | null;
}

export async function replayFinding(record: FindingRecord, file: string, engines: EngineLoader): Promise<Replay> {
  // The program's header carries the campaign's profile; a finding's own field says it too.
  const program = withCPython(parseProgramText(record.program, `${file} (its program)`), record.cpython);
  const expected: Failure = { ...record, killedWorker: record.kind !== 'divergence' };
  if (record.kind !== 'divergence') {
    const limits = record.limits ?? { programTimeoutMs: DEFAULT_PROGRAM_TIMEOUT_MS, memoryLimitMb: DEFAULT_MEMORY_LIMIT_MB };
    const failure = await checkInWorker(record.program, record.engine, engines, limits.programTimeoutMs, limits.memoryLimitMb);
    const reproduced = failure !== null && failure.kind === record.kind && (record.kind === 'hang' || sameFailure(expected, failure) || failure.killedWorker);
    return { program, failure, reproduced, differences: null, heap: null };
  }
  const createEngine = await engines.load(record.engine);
  const implementation: TraceLine[] = [];
  const { result, failure } = checkProgram(program, createEngine, implementation);
  const reproduced = sameFailure(expected, failure);
  if (!failure || !result) return { program, failure, reproduced, differences: null, heap: null };
  const steps = result.modelTrace.length;
  const m = failure.step > 0 ? result.modelTrace[failure.step - 1] : result.modelTrace[steps - 1];
  const i = failure.step > 0 ? implementation[failure.step - 1] : implementation[steps - 1];
  const differences = m && i ? traceDifferences(m, i) : null;
  const where = failure.step === 0 ? 'at teardown' : `after step ${failure.step}`;
  const caption = `${failure.invariant} ${where}`;
  const heap = heapPicture(program, failure.step, failure.step > 0 ? i : undefined, failure.objects, caption);
  return { program, failure, reproduced, differences, heap };
}
