/*
 * Re-running a finding (`pymem replay`, and the report's heap pictures). A divergence or an exception
 * replays in-process, in lockstep, recording the implementation's trace lines so that the failing step
 * can be compared field by field and pictured; a hang or a dead worker replays in a worker process with
 * the campaign's time and memory limits, so replay neither hangs nor dies itself. Either way at the
 * finding's contract level, with the recorded plug-in (its path relative to the campaign directory) or
 * the one given instead, saying when the plug-in changed since the finding.
 */
import { withCPython, type CPythonVersion, type Program } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import type { TraceLine } from '../../contract/trace.js';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_PROGRAM_TIMEOUT_MS } from '../campaign/campaign.js';
import { checkInWorker } from './checkInWorker.js';
import { checkProgram, sameFailure } from '../worker/checkProgram.js';
import { recordedPlugin, type EngineLoader, type RecordedPlugin } from '../protocol/engineChoice.js';
import { comparedFields, declarationOf, type ContractLevel } from '../../contract/declaration.js';
import { dirname, resolve } from 'node:path';
import type { FindingRecord } from '../store/findingRecord.js';
import { heapPicture, type HeapPicture } from '../../views/heapPicture.js';
import type { Failure } from '../protocol/protocol.js';
import { parseProgramText } from '../worker/shrinkFailure.js';
import { type FieldDifference, traceDifferences } from './traceDiff.js';

export interface ReplayOptions {
  /** A plug-in to replay instead of the recorded one (`pymem replay --impl MODULE`). */
  impl?: string;
  /** A version profile to replay under instead of the finding's (`pymem replay --cpython VERSION`). */
  cpython?: CPythonVersion;
}

export interface Replay {
  program: Program;
  /** The contract level the finding was checked at, and is replayed at. */
  contract: ContractLevel;
  /** For a plug-in: the module replayed, and whether it changed since the finding (`plugin.note` says so). */
  plugin: RecordedPlugin | null;
  /** How the program fails now (null: it passes). */
  failure: Failure | null;
  reproduced: boolean;
  /** At the failing step, when both engines produced a trace line for it. */
  differences: FieldDifference[] | null;
  heap: HeapPicture | null;
}

/** What every replay of a finding starts from: its program, the failure it expects, its level and its engine. */
export interface FindingToReplay {
  /** The finding's program under its profile, or the one asked for instead. */
  program: Program;
  expected: Failure;
  contract: ContractLevel;
  /** The engine to replay: the recorded plug-in (found from the campaign directory), pymem's, or the one asked for. */
  recorded: RecordedPlugin;
}

/**
 * `file` is the finding's file in its campaign directory (`<dir>/findings/<signature>.json`): a plug-in's
 * recorded path is relative to that directory (engineChoice.ts's recordedPlugin).
 */
export function findingToReplay(record: FindingRecord, file: string, options: ReplayOptions = {}): FindingToReplay {
  // The program's header carries the campaign's profile; a finding's own field says it too.
  const program = withCPython(parseProgramText(record.program, `${file} (its program)`), options.cpython ?? record.cpython);
  return {
    program,
    expected: { ...record, killedWorker: record.kind !== 'divergence' },
    contract: record.contract ?? 'cpython',
    recorded: recordedPlugin(record.engine, dirname(dirname(resolve(file))), options.impl),
  };
}

export async function replayFinding(record: FindingRecord, file: string, engines: EngineLoader, options: ReplayOptions = {}): Promise<Replay> {
  const { program, expected, contract, recorded } = findingToReplay(record, file, options);
  const plugin = recorded.choice.kind === 'module' ? recorded : null;
  const base = { program, contract, plugin };
  if (record.kind !== 'divergence') {
    const limits = record.limits ?? { programTimeoutMs: DEFAULT_PROGRAM_TIMEOUT_MS, memoryLimitMb: DEFAULT_MEMORY_LIMIT_MB };
    // A finding's program is printed text: printed again, it carries an overriding profile in its header.
    const text = options.cpython ? printProgram(program) : record.program;
    const failure = await checkInWorker(text, recorded.choice, engines, limits.programTimeoutMs, limits.memoryLimitMb, contract);
    const reproduced = failure !== null && failure.kind === record.kind && (record.kind === 'hang' || sameFailure(expected, failure) || failure.killedWorker);
    return { ...base, failure, reproduced, differences: null, heap: null };
  }
  const createEngine = await engines.load(recorded.choice);
  const implementation: TraceLine[] = [];
  const { result, failure } = checkProgram(program, createEngine, implementation, contract);
  const reproduced = sameFailure(expected, failure);
  if (!failure || !result) return { ...base, failure, reproduced, differences: null, heap: null };
  const steps = result.modelTrace.length;
  const m = failure.step > 0 ? result.modelTrace[failure.step - 1] : result.modelTrace[steps - 1];
  const i = failure.step > 0 ? implementation[failure.step - 1] : implementation[steps - 1];
  const compared = comparedFields(contract, declarationOf(createEngine));
  const differences = m && i ? traceDifferences(m, i, compared) : null;
  const where = failure.step === 0 ? 'at teardown' : `after step ${failure.step}`;
  const caption = `${failure.invariant} ${where}`;
  const heap = heapPicture(program, failure.step, failure.step > 0 ? i : undefined, failure.objects, caption, compared);
  return { ...base, failure, reproduced, differences, heap };
}
