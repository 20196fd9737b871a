/*
 * A finding replayed step by step, as data: for every statement the lockstep run executed (the
 * teardown's included, up to the failure), the statement, the model's state and the implementation's
 * side by side, the allocator calls the statement made, what changed since the step before, and where
 * the two disagree. fuzz/replay/recordReplay.ts records it; replayPage.ts draws it.
 *
 * Engine-agnostic: the implementation's side holds only what the plug-in contract gives (its trace
 * lines with their snapshots, and the addresses its allocator returned); an engine that reports no
 * snapshot or no allocator simply has less to show. The model's side also holds what only the model
 * knows: the references between objects, the names, the freelists, the collector's thresholds.
 */
import type { CollectionRecord, ObjectSnapshot } from '../contract/trace.js';
import type { ComparedFields } from '../contract/declaration.js';
import type { AllocatorStats } from '../model/allocator/stats.js';
import type { AllocatorView } from './allocatorView.js';
import type { FreelistCounts } from './debugMallocStats.js';
import type { HeapPicture } from './heapPicture.js';
import type { StepChange } from './stepChanges.js';

/** The fields of a trace line both sides report (docs/trace.md), without the snapshot. */
export interface TraceFields {
  freed: number[];
  finalized: number[];
  callbacks: number[];
  collections: CollectionRecord[];
  count: [number, number, number];
  traced?: [number, number];
  pagesWritten?: number;
}

export interface ModelSide {
  trace: TraceFields;
  objects: ObjectSnapshot[];
  gc: { threshold: [number, number, number]; enabled: boolean };
  freelists: FreelistCounts;
}

export interface ImplementationSide {
  trace: TraceFields;
  /** null: the engine gives no snapshot. */
  objects: ObjectSnapshot[] | null;
  /** The allocator's own report (the snapshot's `allocator`, in the model's statistics shape), if it gives one. */
  allocator: AllocatorStats | null;
}

/** One call the engine made to its allocator during the statement, and what each side answered. */
export interface AllocatorCall {
  call: string;
  /** The address the implementation's allocator returned (null for free). */
  implementation: number | null;
  /** The address the allocator model returned for the same call (null for free). */
  model: number | null;
  /** The check stopped at this call: the two answers differ. */
  failed: boolean;
}

/** One difference between the two sides at a step: a trace field, an object's field, an allocator call. */
export interface Difference {
  field: string;
  model: string;
  implementation: string;
}

export interface StepRecord {
  /** 1-based, teardown statements numbered on after the program's. */
  step: number;
  /** The statement's line in the program; 0 for the teardown. */
  line: number;
  statement: string;
  teardown: boolean;
  /** null only if the model could not run the statement. */
  model: ModelSide | null;
  /** null: the engine did not finish the statement (the check stopped inside it, at an allocator call). */
  implementation: ImplementationSide | null;
  calls: AllocatorCall[];
  /** The allocator model after the statement: the engine's calls replayed (null: the engine reports no allocator). */
  allocator: AllocatorView | null;
  /** The allocator model's statistics after the statement, to set beside the engine's own report. */
  allocatorStats: AllocatorStats | null;
  /** At the failing allocator call: the allocator model just before it, where the two answers part. */
  allocatorBeforeFailure?: AllocatorView;
  differences: Difference[];
  changes: StepChange[];
  /** The model's heap after the step, with the implementation's disagreements and what the step changed. */
  heap: HeapPicture;
}

export interface ReplayRecording {
  /** The finding's signature, or a name for the program. */
  title: string;
  engine: string;
  /** The geometry header line of the program, if it has one. */
  header: string | null;
  /** The program's statements, printed, in order. */
  program: string[];
  failure: { label: string; message: string; step: number; line: number; objects: number[] } | null;
  /** What the replay showed against the finding: `reproduced`, `fails differently`, `passes now`, or why it was not replayed. */
  verdict: string;
  steps: StepRecord[];
  /** The first step where the two sides differ (the failing step, or earlier if the trace already differed): highlighted. */
  firstDivergence: number | null;
  /** The fields the check's level compares; the objects table marks no other field as differing (absent: every field). */
  compared?: ComparedFields;
}
