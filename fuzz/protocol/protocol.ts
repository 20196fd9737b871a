/*
 * The coordinator–worker protocol: one discriminated union per direction, over the IPC channel of
 * a forked worker process (`serialization: 'advanced'`: structured clone). Modelled on Go's internal/fuzz: the coordinator owns every file and all
 * campaign state; a worker owns nothing but a copy of the corpus it was sent and its engine, so a
 * worker can be terminated (a hang) or die (out of memory, a crash) at any moment and be replaced
 * without losing anything but the program it was running — which becomes a finding.
 *
 * A worker is started with `start` (its `WorkerSettings`), loads its engine and says `ready`. Then:
 *
 *   coordinator → worker                          worker → coordinator
 *   start    engine, program source, corpus
 *   corpus   programs found since the last one    ready    the engine is loaded
 *   run      ordinals first..first+count−1,        results  one per ordinal, in order, in one message
 *            drawing from the first
 *            visibleCorpus corpus programs
 *   shrink   a failing program to confirm          shrunk   the confirmed, shrunk failure
 *            (5 replays) and shrink
 *   check    one program, once (pymem replay      checked  how it failed, if it did
 *            of a hang or a dead worker)
 *                                                  fatal    the worker cannot start (its engine
 *                                                           does not load); the campaign stops
 *
 * Besides messages, each worker has one *progress cell* (progressCell.ts): an Int32 in a shared file,
 * into which it writes the ordinal it is about to run, and which only the coordinator reads. Go's internal/fuzz keeps the
 * current input in shared memory for the same reason: when a worker hangs or dies, its last message
 * says nothing about what it was running; the cell does. So results can travel a batch at a time (a
 * message per program would cost the coordinator and the worker more than the rest of the protocol),
 * and a hang is still pinned to its program: the cell has not moved for the per-program time limit.
 *
 * Messages on one port arrive in order, so a `corpus` message sent before a `run` is always applied
 * before that run. Results carry only what is new to the worker (features it has not reported
 * before), the program text only when the coordinator needs it (new features or a failure), and the
 * statistics once per batch: the coordinator stays light, so two workers run at twice the speed of one.
 */
import type { Invariant } from '../../properties/invariants/catalogue.js';
import type { TraceLine } from '../../contract/trace.js';
import type { EngineChoice } from './engineChoice.js';
import type { ContractLevel } from '../../contract/declaration.js';
import type { Origin, SourceSettings } from '../programs/programSource.js';

export interface WorkerSettings {
  source: SourceSettings;
  engine: EngineChoice;
  /** The contract level the programs are checked at (absent: cpython). */
  contract?: ContractLevel;
  /** The corpus so far, as program texts in ordinal order. */
  corpus: string[];
}

export type ToWorker =
  | { type: 'start'; settings: WorkerSettings }
  | { type: 'corpus'; programs: string[] }
  /** `allFeatures`: report every feature, not only those new to the worker (a batch run again, out of order). */
  | { type: 'run'; first: number; count: number; visibleCorpus: number; allFeatures: boolean }
  | { type: 'shrink'; job: ShrinkJob }
  | { type: 'check'; program: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'results'; results: ProgramResult[] }
  | { type: 'shrunk'; outcome: ShrinkOutcome }
  | { type: 'checked'; failure: Failure | null }
  | { type: 'fatal'; message: string };

/** How a program failed. A divergence names an invariant; a crash is an exception from the engine. */
export interface Failure {
  kind: 'divergence' | 'crash' | 'hang';
  invariant: Invariant | null;
  message: string;
  /** 1-based statement number, 0 at teardown (as in the lockstep's Divergence). */
  step: number;
  line: number;
  objects: number[];
  /** `objects` are block addresses (shown in hex), not object ids. */
  addresses?: boolean;
  /** A hang or a dead worker: the program cannot be re-run in-process, so it is kept as found. */
  killedWorker: boolean;
}

export interface ProgramResult {
  ordinal: number;
  index: number;
  origin: Origin;
  statements: number;
  /** Statements executed, teardown included. */
  steps: number;
  /** Features this worker had not reported before; the coordinator decides which are new to the campaign. */
  newFeatures: string[];
  /**
   * On the last result of a batch only: statement kinds and events summed over the batch's programs
   * (per-program tables would cost the coordinator more than the rest of the result).
   */
  statistics?: Statistics;
  failure: Failure | null;
  /** The program's text, when it has new features or failed. */
  program?: string;
}

export interface Statistics {
  kinds: Record<string, number>;
  events: Record<string, number>;
  /** The engine's event counters, summed. */
  engine: Record<string, number>;
}

export interface ShrinkJob {
  /** The name of the saved, not yet shrunk finding this job belongs to. */
  signature: string;
  program: string;
  failure: Failure;
}

export interface ShrinkOutcome {
  signature: string;
  /** `flaky`: the failure did not reproduce on every one of the replays. */
  status: 'shrunk' | 'flaky';
  program: string;
  failure: Failure;
  evaluations: number;
  replays: { runs: number; reproduced: number };
  trace: { model: TraceLine[]; implementation: TraceLine[] };
  /** The bug's witness (properties/shrink/witness.ts), shrunk from `program`; null when flaky or not a divergence. */
  witness: Witness | null;
}

/**
 * A bug's witness: the canonical program that fails at all, shrunk from a finding's own program, and
 * how it fails (a divergence: `invariant` is never null). Its bug key is the finding's.
 */
export interface Witness {
  program: string;
  invariant: Invariant;
  message: string;
  step: number;
  line: number;
  /** The witness shrink's candidate programs run (the finding's own `evaluations` do not include them). */
  evaluations: number;
}
