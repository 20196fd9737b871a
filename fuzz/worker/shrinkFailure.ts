/*
 * A finding, confirmed and minimized — in a worker, never in the coordinator's event loop.
 *
 * First the failing program is replayed REPLAYS times: a failure that does not come back every time is
 * `flaky` and is kept as it was found (shrinking with an unreliable predicate would wander off to some
 * other program). Otherwise it is shrunk with the property suite's shrinker (deletion, simpler
 * statements, explicit collections, CPython's geometry, to a fixpoint, then canonical names:
 * properties/shrink/shrinkProgram.ts), keeping only candidates that fail the same way — the same
 * invariant, or for a crash the same exception message — and the result is replayed REPLAYS times
 * again. The outcome carries both traces of the final program.
 *
 * Then, for a divergence that replayed every time, the bug's witness (properties/shrink/witness.ts):
 * the final program shrunk once more, keeping any candidate on which the engine diverges from the model
 * at all (any invariant; a crash is not a divergence), with the witness's own fixed budget — so the
 * witness depends on the final program alone. The finding's bug key is read off the witness's failure
 * (docs/campaign.md, "One bug, one finding"). It runs within the job: the shrink service's deadline
 * and the per-candidate time limit cover it as they cover the finding's own shrink.
 */
import type { Program } from '../../language/ast.js';
import { loadProgram } from '../../language/load.js';
import { printProgram } from '../../language/print.js';
import { runModel } from '../../model/run.js';
import type { TraceLine } from '../../contract/trace.js';
import type { CreateEngine } from '../../contract/engine.js';
import type { ContractLevel } from '../../contract/declaration.js';
import { INVARIANTS } from '../../properties/invariants/catalogue.js';
import type { Divergence } from '../../properties/lockstep/divergence.js';
import { shrinkProgram } from '../../properties/shrink/shrinkProgram.js';
import { printedWitness, shrinkToWitness } from '../../properties/shrink/witness.js';
import { checkProgram, sameFailure } from './checkProgram.js';
import type { Failure, ShrinkJob, ShrinkOutcome, Witness } from '../protocol/protocol.js';

export const REPLAYS = 5;

export function parseProgramText(text: string, what: string): Program {
  const loaded = loadProgram(text, what);
  if (!loaded.ok) throw new Error(`${what} is not a valid program:\n${loaded.messages.join('\n')}`);
  return loaded.program;
}

export function confirmAndShrink(job: ShrinkJob, createEngine: CreateEngine, contract?: ContractLevel): ShrinkOutcome {
  const original = parseProgramText(job.program, job.signature);
  const replays = (p: Program) => {
    let reproduced = 0;
    for (let k = 0; k < REPLAYS; k++) if (sameFailure(job.failure, checkProgram(p, createEngine, undefined, contract).failure)) reproduced++;
    return { runs: REPLAYS, reproduced };
  };
  const first = replays(original);
  if (first.reproduced < REPLAYS) return outcome(job, 'flaky', original, job.failure, 0, first, createEngine, contract);

  // The shrinker compares the invariants its predicate returns; a crash has none, so all crashes
  // alike answer with one fixed stand-in (sameFailure has already checked the message).
  const fails = (p: Program): Divergence | null => {
    const f = checkProgram(p, createEngine, undefined, contract).failure;
    if (!f || !sameFailure(job.failure, f)) return null;
    return { invariant: f.invariant ?? INVARIANTS[0], step: f.step, line: f.line, message: f.message, objects: f.objects };
  };
  const { program, evaluations } = shrinkProgram(original, fails);
  const final = replays(program);
  const failure = checkProgram(program, createEngine, undefined, contract).failure ?? job.failure;
  const status = final.reproduced < REPLAYS ? 'flaky' : 'shrunk';
  const witness = status === 'shrunk' && failure.kind === 'divergence' ? witnessOf(program, createEngine, contract) : null;
  return outcome(job, status, program, failure, evaluations, final, createEngine, contract, witness);
}

/** The bug's witness, from a program on which the engine diverges; null if it no longer does (a flaky engine). */
export function witnessOf(program: Program, createEngine: CreateEngine, contract?: ContractLevel): Witness | null {
  const divergesAtAll = (p: Program): Divergence | null => {
    const f = checkProgram(p, createEngine, undefined, contract).failure;
    return f?.kind === 'divergence' ? { invariant: f.invariant!, step: f.step, line: f.line, message: f.message, objects: f.objects } : null;
  };
  if (!divergesAtAll(program)) return null;
  return printedWitness(shrinkToWitness(program, divergesAtAll));
}

function outcome(
  job: ShrinkJob, status: ShrinkOutcome['status'], program: Program, failure: Failure, evaluations: number,
  replays: ShrinkOutcome['replays'], createEngine: CreateEngine, contract?: ContractLevel, witness: Witness | null = null,
): ShrinkOutcome {
  const implementation: TraceLine[] = [];
  const { result } = checkProgram(program, createEngine, implementation, contract);
  const model = result ? result.modelTrace : runModel(program);
  const plain = (lines: TraceLine[]) => lines.map(({ objects: _o, allocator: _a, ...line }) => line);
  return {
    signature: job.signature, status, program: printProgram(program), failure, evaluations, replays,
    trace: { model: plain(model), implementation: plain(implementation) }, witness,
  };
}
