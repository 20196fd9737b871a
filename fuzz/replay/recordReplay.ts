/*
 * A program replayed in lockstep with every step recorded, for the replay page (views/replayPage.ts):
 * after each statement, the model's state (its snapshot, heap graph, collector thresholds, freelists)
 * and the implementation's (its trace line with its snapshot and, if it gives one, its allocator's
 * report), the allocator calls the statement made with both answers, the allocator model that replayed
 * them (arenas, pools, free lists), and where the two sides differ.
 *
 * The check is the lockstep runner's own (properties/lockstep/lockstep.ts), unchanged: this module only
 * listens. It wraps the engine the runner is handed — the statement and the trace line of every
 * `execute`, every allocator call between the engine and the runner's CheckedAllocator — and reads the
 * runner's model through the `observe` option. Nothing here knows the engine beyond the plug-in
 * contract, so a plug-in replays as pymem's implementation does.
 *
 * When the check stops inside a statement (an allocator call answered differently), neither the
 * implementation's line nor the runner's model exist for that step: the model's state after it comes
 * from a fresh model run over the same statements, and the allocator model as it stood just before
 * the failing call is kept, which is where the free list, the pool or the arena went wrong.
 */
import type { Program, Statement } from '../../language/ast.js';
import { printStatement } from '../../language/print.js';
import type { Allocator } from '../../contract/allocator.js';
import type { CreateEngine } from '../../contract/engine.js';
import { comparedFields, contractLevelOf, declarationOf, type ComparedFields, type ContractLevel } from '../../contract/declaration.js';
import type { ObjectSnapshot, TraceLine } from '../../contract/trace.js';
import { hex } from '../../model/allocator/geometry.js';
import type { AllocatorStats } from '../../model/allocator/stats.js';
import type { ModelMachine } from '../../model/machine/machine.js';
import { ModelEngine } from '../../model/run.js';
import { allocatorMismatchOf, CheckedAllocator } from '../../properties/lockstep/checkedAllocator.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { allocatorView } from '../../views/allocatorView.js';
import { type HeapPicture, heapPictureOf } from '../../views/heapPicture.js';
import type { Difference, ModelSide, StepRecord, TraceFields } from '../../views/replayRecording.js';
import { heapChanges, stepChanges } from '../../views/stepChanges.js';
import type { Failure } from '../protocol/protocol.js';
import { failureOfDivergence, withExecute } from '../worker/checkProgram.js';
import { traceDifferences } from './traceDiff.js';

export interface RecordedRun {
  steps: StepRecord[];
  failure: Failure | null;
  /** What the level compares: the only fields the steps' differences name. */
  compared: ComparedFields;
}

/** One step while it is being recorded: its statement, and the parts of its record known so far. */
type Recording = { statement: Statement } & Pick<StepRecord, 'model' | 'implementation' | 'calls' | 'allocator' | 'allocatorStats' | 'allocatorBeforeFailure'>;

const traceFields = (line: TraceLine): TraceFields => ({
  freed: line.freed, finalized: line.finalized, callbacks: line.callbacks, collections: line.collections, count: line.count,
  ...(line.traced ? { traced: line.traced } : {}), ...(line.pagesWritten !== undefined ? { pagesWritten: line.pagesWritten } : {}),
});

function modelSide(line: TraceLine, objects: ObjectSnapshot[], machine: ModelMachine): ModelSide {
  return {
    trace: traceFields(line), objects,
    gc: { threshold: [...machine.gc.threshold], enabled: machine.gc.enabled },
    freelists: machine.freelists.sizes(),
  };
}

/** A trace line's `allocator` when it has the model's statistics shape (pymem's does; a plug-in's may not). */
function allocatorStatsOf(line: TraceLine): AllocatorStats | null {
  const a = line.allocator as Partial<AllocatorStats> | undefined;
  return a && typeof a === 'object' && Array.isArray(a.sizeClasses) && Array.isArray(a.arenas) ? (a as AllocatorStats) : null;
}

/**
 * The allocator's report against the allocator model's, key by key (the keys the model has); a list of
 * size classes or arenas element by element (by class, by address), so that a row names what differs.
 */
function allocatorDifferences(impl: AllocatorStats | null, model: AllocatorStats | null): Difference[] {
  if (!impl || !model) return [];
  const out: Difference[] = [];
  for (const key of Object.keys(model) as Array<keyof AllocatorStats>) {
    const m = model[key];
    const i = impl[key];
    if (JSON.stringify(m) === JSON.stringify(i)) continue;
    if (key === 'sizeClasses' || key === 'arenas') {
      const id = (e: object) => (key === 'sizeClasses' ? `class ${(e as { sizeClass: number }).sizeClass}` : `arena ${hex((e as { address: number }).address)}`);
      const byId = (list: unknown) => new Map((Array.isArray(list) ? (list as object[]) : []).map((e) => [id(e), e]));
      const [ms, is] = [byId(m), byId(i)];
      for (const name of new Set([...ms.keys(), ...is.keys()])) {
        const [me, ie] = [JSON.stringify(ms.get(name) ?? null), JSON.stringify(is.get(name) ?? null)];
        if (me !== ie) out.push({ field: `allocator ${key}: ${name}`, model: ms.has(name) ? me : '(none)', implementation: is.has(name) ? ie : '(none)' });
      }
      continue;
    }
    const show = (v: unknown) => (key === 'usableArenas' && Array.isArray(v) ? `[${(v as number[]).map(hex).join(', ')}]` : JSON.stringify(v));
    out.push({ field: `allocator ${key}`, model: show(m), implementation: show(i) });
  }
  return out;
}

/** `contract`: the level to replay at (default: the factory's declared one, else cpython). */
export function recordReplay(program: Program, createEngine: CreateEngine, contract?: ContractLevel): RecordedRun {
  const recordings: Recording[] = [];
  let checked: CheckedAllocator | null = null;
  const current = () => recordings[recordings.length - 1];

  /** One allocator call, recorded with both answers; the allocator model as it stood before it is kept if it fails. */
  const call = <T extends number | void>(name: string, run: () => T, answers: (got: T) => [number | null, number | null]): T => {
    const before = checked ? allocatorView(checked.model.state) : undefined;
    try {
      const got = run();
      const [implementation, model] = answers(got);
      current()?.calls.push({ call: name, implementation, model, failed: false });
      return got;
    } catch (e) {
      const mismatch = allocatorMismatchOf(e);
      const [implementation, model] = mismatch && mismatch.addresses.length === 2 ? mismatch.addresses : [null, null];
      const step = current();
      if (step) {
        step.calls.push({ call: name, implementation, model, failed: true });
        step.allocatorBeforeFailure = before;
      }
      throw e;
    }
  };
  const listening = (wrapped: Allocator): Allocator => ({
    malloc: (n) => call(`malloc(${n})`, () => wrapped.malloc(n), (got) => [got, got]),
    realloc: (address, n) => call(`realloc(${hex(address)}, ${n})`, () => wrapped.realloc(address, n), (got) => [got, got]),
    free: (address) => call(`free(${hex(address)})`, () => wrapped.free(address), () => [null, null]),
    blockSize: (address) => wrapped.blockSize(address),
    allocatedBlocks: () => wrapped.allocatedBlocks(),
  });

  const engine: CreateEngine = (p, hooks) => {
    const inner = createEngine(p, {
      ...hooks,
      wrapAllocator: hooks.wrapAllocator && ((allocator) => {
        const wrapped = hooks.wrapAllocator!(allocator);
        if (wrapped instanceof CheckedAllocator) checked = wrapped;
        return listening(wrapped);
      }),
    });
    return withExecute(inner, (statement, options) => {
      recordings.push({ statement, model: null, implementation: null, calls: [], allocator: null, allocatorStats: null });
      const line = structuredClone(inner.execute(statement, options));
      const step = current();
      step.implementation = { trace: traceFields(line), objects: line.objects ?? null, allocator: allocatorStatsOf(line) };
      if (checked) {
        step.allocator = allocatorView(checked.model.state);
        step.allocatorStats = checked.model.stats();
      }
      return line;
    });
  };

  let failure: Failure | null;
  const heaps: Array<HeapPicture | null> = [];
  const level = contractLevelOf(createEngine, contract);
  const compared = comparedFields(level, declarationOf(createEngine));
  try {
    const result = runLockstep(program, engine, { contract: level, traceSnapshots: true, observe: (line, machine) => observeModel(recordings, heaps, line, machine, compared) });
    failure = result.divergence ? failureOfDivergence(result.divergence) : null;
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`;
    failure = { kind: 'crash', invariant: null, message: message.split('\n')[0], step: recordings.length, line: 0, objects: [], killedWorker: false };
  }
  completeLastModelStep(program, recordings, heaps, compared);
  return { steps: finish(program, recordings, heaps, failure, compared), failure, compared };
}

/** The model after the last recorded step (its line has the snapshot): its side of the step, and the heap's picture. */
function observeModel(recordings: Recording[], heaps: Array<HeapPicture | null>, line: TraceLine, machine: ModelMachine, compared: ComparedFields): void {
  const k = recordings.length - 1;
  const step = recordings[k];
  const objects = line.objects ?? [];
  step.model = modelSide(line, objects, machine);
  const previous = k > 0 ? recordings[k - 1].model?.objects ?? null : null;
  heaps[k] = heapPictureOf(machine.heap, objects, step.implementation?.objects ?? undefined, [], '', heapChanges(previous, objects, line.freed), compared);
}

/**
 * The step the check stopped inside has no model state from the runner (its model had not run the
 * statement yet): a fresh model runs the same statements to give it one.
 */
function completeLastModelStep(program: Program, recordings: Recording[], heaps: Array<HeapPicture | null>, compared: ComparedFields): void {
  const last = recordings[recordings.length - 1];
  if (!last || last.model) return;
  const model = new ModelEngine(program);
  let line: TraceLine | undefined;
  try {
    for (const r of recordings) line = model.execute(r.statement, { snapshot: true });
  } catch {
    return; // the model cannot run it either: the step shows the implementation's side only
  }
  observeModel(recordings, heaps, line!, model.machine, compared);
}

function finish(program: Program, recordings: Recording[], heaps: Array<HeapPicture | null>, failure: Failure | null, compared: ComparedFields): StepRecord[] {
  const programLength = program.statements.length;
  const failingStep = failure ? (failure.step > 0 ? failure.step : recordings.length) : -1;
  const steps: StepRecord[] = [];
  recordings.forEach((r, k) => {
    const n = k + 1;
    const teardown = n > programLength;
    const statement = printStatement(r.statement);
    const differences: Difference[] = [];
    if (r.model && r.implementation) {
      const asLine = (side: { trace: TraceFields; objects: ObjectSnapshot[] | null }): TraceLine =>
        ({ step: n, line: 0, ...side.trace, ...(side.objects ? { objects: side.objects } : {}) });
      differences.push(...traceDifferences(asLine(r.model), asLine(r.implementation), compared));
      differences.push(...allocatorDifferences(r.implementation.allocator, r.allocatorStats));
    }
    for (const c of r.calls) {
      if (c.failed) differences.push({ field: c.call, model: c.model === null ? '–' : hex(c.model), implementation: c.implementation === null ? '–' : hex(c.implementation) });
    }
    const heap = heaps[k] ?? { caption: '', nodes: [], edges: [] };
    heap.caption = `after step ${n}${teardown ? ' (teardown)' : ''}: ${statement}`;
    if (n === failingStep) for (const node of heap.nodes) node.highlighted = failure!.objects.some((id) => node.key === `o${id}`);
    const previous = k > 0 ? recordings[k - 1] : null;
    steps.push({
      step: n, line: teardown ? 0 : r.statement.loc?.line ?? n, statement, teardown, model: r.model, implementation: r.implementation,
      calls: r.calls, allocator: r.allocator, allocatorStats: r.allocatorStats, ...(r.allocatorBeforeFailure ? { allocatorBeforeFailure: r.allocatorBeforeFailure } : {}),
      differences, changes: stepChanges(previous, r), heap,
    });
  });
  return steps;
}
