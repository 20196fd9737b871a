/*
 * The oracle for one program: CPython's observation of it (runDriver.ts) against the
 * implementation's trace with snapshots, compared statement by statement (compare.ts).
 */
import type { Program } from '../../model/language/ast.js';
import type { TraceLine } from '../../model/trace.js';
import { createEngine } from '../../impl/engine.js';
import { compareObservation, disagreementsOf, type Disagreement, type StepComparison } from './compare.js';
import type { Observation, ParsedObservation } from './observation.js';
import { runDriver, runDriverSync } from './runDriver.js';

export type OracleResult =
  | { ok: true; observation: Observation; steps: StepComparison[]; disagreements: Disagreement[] }
  /** The driver produced no usable observation (it crashed or timed out). */
  | { ok: false; message: string };

export function runImplementation(program: Program): TraceLine[] {
  const engine = createEngine(program, {});
  return program.statements.map((s) => engine.execute(s, { snapshot: true }));
}

export function judge(program: Program, parsed: ParsedObservation): OracleResult {
  if (!parsed.ok) return parsed;
  const steps = compareObservation(program, parsed.observation, runImplementation(program));
  return { ok: true, observation: parsed.observation, steps, disagreements: disagreementsOf(steps) };
}

/** `text` is the program as CPython runs it; `program` must be what loading that text gives.
 * `python`: the interpreter to run (default `python3`; checkPython() gives its real path). */
export function runOracleSync(program: Program, text: string, python?: string): OracleResult {
  return judge(program, runDriverSync(text, python));
}

export async function runOracle(program: Program, text: string, python?: string): Promise<OracleResult> {
  return judge(program, await runDriver(text, python));
}
