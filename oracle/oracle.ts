/*
 * The oracle for one program: CPython's observation of it (runDriver.ts) against an engine's trace with
 * snapshots, compared statement by statement (compare.ts). The engine is handed in (pymem's
 * implementation, from the command line, or a plug-in), and runs the program under the version
 * profile of the interpreter, whatever the program's header says: the one `cpython` names (checkPython
 * gives it), or else the one of the version the driver reports having run in.
 *
 * A plug-in is held to CPython itself — the oracle has no model in between — except for what it does
 * not claim to show: the observations its declaration leaves out (refcounts, generations), the sizes
 * it does not report, and gc.get_count() when it declares a level below cpython (which ignores the
 * count). The verdict names them (`notReported`).
 */
import { withCPython, type CPythonVersion, type Program } from '../language/ast.js';
import type { TraceLine } from '../contract/trace.js';
import type { CreateEngine } from '../contract/engine.js';
import { compareObservation, disagreementsOf, type Disagreement, type StepComparison } from './compare.js';
import type { Observation, ParsedObservation } from './observation.js';
import { runDriver, runDriverSync } from './runDriver.js';
import { profileOfInterpreter } from '../contract/cpythonProfiles.js';
import { comparedFields, declarationOf } from '../contract/declaration.js';

export type OracleResult =
  | {
    ok: true; observation: Observation; steps: StepComparison[]; disagreements: Disagreement[];
    /** What the engine does not report, so not compared: `refcounts`, `generations`, `sizes`. */
    notReported: string[];
  }
  /** The driver produced no usable observation (it crashed or timed out). */
  | { ok: false; message: string };

export interface OracleOptions {
  /** The engine compared with CPython. */
  createEngine: CreateEngine;
  /** The interpreter to run (default `python3`; checkPython() gives its real path). */
  python?: string;
  /** The interpreter's version profile, which the engine runs under (checkPython() gives it; default: the driver's report). */
  cpython?: CPythonVersion;
}

export function runImplementation(program: Program, createEngine: CreateEngine): TraceLine[] {
  const engine = createEngine(program, {});
  return program.statements.map((s) => engine.execute(s, { snapshot: true }));
}

export function judge(program: Program, parsed: ParsedObservation, createEngine: CreateEngine, cpython?: CPythonVersion): OracleResult {
  if (!parsed.ok) return parsed;
  const profile = cpython ?? profileOfInterpreter(parsed.observation.python)?.version;
  const asRun = withCPython(program, profile);
  const declaration = declarationOf(createEngine);
  const compared = comparedFields(declaration?.contract ?? 'cpython', declaration);
  const trace = runImplementation(asRun, createEngine);
  const notReported = [
    ...(compared.count ? [] : [`gc.get_count(), pending collections and each collection's generation and counts (the plug-in declares ${declaration?.contract})`]),
    ...(compared.refcount ? [] : ['refcounts']),
    ...(compared.gen ? [] : ['generations']),
    ...(trace.some((line) => line.objects?.some((o) => o.size === undefined)) ? ['sizes'] : []),
  ];
  const steps = compareObservation(asRun, parsed.observation, trace, compared);
  return { ok: true, observation: parsed.observation, steps, disagreements: disagreementsOf(steps), notReported };
}

/** `text` is the program as CPython runs it; `program` must be what loading that text gives. */
export function runOracleSync(program: Program, text: string, options: OracleOptions): OracleResult {
  return judge(program, runDriverSync(text, options.python), options.createEngine, options.cpython);
}

export async function runOracle(program: Program, text: string, options: OracleOptions): Promise<OracleResult> {
  return judge(program, await runDriver(text, options.python), options.createEngine, options.cpython);
}
