/*
 * One program checked in lockstep (properties/lockstep), with every way it can fail turned into a
 * `Failure`: a divergence names its invariant; an exception thrown by the engine (a bug in a plug-in,
 * or in pymem's own implementation) is a `crash` rather than the end of the worker. Optionally the
 * implementation's trace lines are recorded as well, for findings and replay: then the model's lines
 * keep their snapshots too (replay compares the two). Otherwise the live-object coverage features are
 * read off the model in place after each statement (traceFeatures.ts's modelObjectFeatures), which
 * spares a snapshot record per object per statement (~20 % of a checked program).
 */
import type { Program } from '../../language/ast.js';
import type { TraceLine } from '../../contract/trace.js';
import type { CreateEngine, EngineUnderTest } from '../../contract/engine.js';
import { declarationOf, type ContractLevel } from '../../contract/declaration.js';
import type { Divergence } from '../../properties/lockstep/divergence.js';
import { runLockstep, type LockstepOptions, type LockstepResult } from '../../properties/lockstep/lockstep.js';
import { LockstepCrash } from '../../properties/lockstep/lockstepCrash.js';
import { modelObjectFeatures } from './traceFeatures.js';
import type { Failure } from '../protocol/protocol.js';

export interface CheckedProgram {
  result: LockstepResult | null;
  failure: Failure | null;
  /** What the model's live objects showed after each statement (nothing when its lines carry snapshots). */
  live: LiveObjectObservations;
}

export interface LiveObjectObservations {
  /** The live-object coverage features of the run (traceFeatures.ts). */
  features: Set<string>;
  /** Over all statements, objects finalized by the statement and alive after it. */
  finalizedAlive: number;
}

export function failureOfDivergence(d: Divergence): Failure {
  return {
    kind: 'divergence', invariant: d.invariant, message: d.message, step: d.step, line: d.line, objects: d.objects, ...(d.addresses ? { addresses: true } : {}),
    killedWorker: false,
  };
}

export function checkProgram(program: Program, createEngine: CreateEngine, implementationTrace?: TraceLine[], contract?: ContractLevel): CheckedProgram {
  const live: LiveObjectObservations = { features: new Set(), finalizedAlive: 0 };
  const engine = implementationTrace ? recordingEngine(createEngine, implementationTrace) : createEngine;
  const options: LockstepOptions = implementationTrace
    ? { traceSnapshots: true, contract }
    : { contract, observe: (line, model, refcounts) => void (live.finalizedAlive += modelObjectFeatures(model, refcounts, line.finalized, live.features)) };
  try {
    const result = runLockstep(program, engine, options);
    return { result, failure: result.divergence ? failureOfDivergence(result.divergence) : null, live };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`;
    const where = e instanceof LockstepCrash ? { step: e.step, line: e.line } : { step: 0, line: 0 };
    return { result: null, failure: { kind: 'crash', invariant: null, message: message.split('\n')[0], ...where, objects: [], killedWorker: false }, live };
  }
}

export function sameFailure(a: Failure, b: Failure | null): boolean {
  if (!b || a.kind !== b.kind) return false;
  return a.kind === 'divergence' ? a.invariant === b.invariant : a.message === b.message;
}

/**
 * The engine `createEngine` makes, with every trace line it returns also pushed to `sink`.
 */
export function recordingEngine(createEngine: CreateEngine, sink: TraceLine[]): CreateEngine {
  const recording: CreateEngine = (program, hooks) => {
    const inner = createEngine(program, hooks);
    return withExecute(inner, (statement, options) => {
      const line = inner.execute(statement, options);
      sink.push(structuredClone(line));
      return line;
    });
  };
  // The factory's declaration (its level) goes with it.
  const declared = declarationOf(createEngine);
  if (declared) Object.assign(recording, { pymem: declared });
  return recording;
}

/**
 * `inner` with its `execute` replaced, for a recording. A proxy, so that every optional method of the
 * engine (present or added later to the interface) still reaches it, but for `inspect`: without it the
 * lockstep runner asks for the snapshots the recorded lines must carry.
 */
export function withExecute(inner: EngineUnderTest, execute: EngineUnderTest['execute']): EngineUnderTest {
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'execute') return execute;
      if (property === 'inspect') return undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
