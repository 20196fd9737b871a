/*
 * The standard mix on pymem's implementation: statements/s over the pre-parsed statements, compiled once
 * into the engine's instructions (impl/compile.ts), and the
 * collections per generation they triggered (which must equal CPython's: the same counting rules).
 */
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON, type CPythonVersion } from '../language/ast.js';
import { ImplEngine } from '../impl/engine.js';
import type { StandardMix } from './standardMix.js';

export interface MixResult {
  statementsPerSecond: number;
  collections: number[];
}

/** The best of `runs` runs, each on a fresh engine (CPython's side reports its best of as many). */
export function runMixOnImplementation(mix: StandardMix, runs = MIX_RUNS, cpython: CPythonVersion = DEFAULT_CPYTHON): MixResult {
  let best: MixResult | undefined;
  for (let k = 0; k < runs; k++) {
    const result = runMixOnce(mix, cpython);
    if (!best || result.statementsPerSecond > best.statementsPerSecond) best = result;
  }
  return best!;
}

export const MIX_RUNS = 5;

function runMixOnce(mix: StandardMix, cpython: CPythonVersion): MixResult {
  const engine = new ImplEngine({ geometry: CPYTHON_GEOMETRY, cpython });
  engine.rt.recordEvents = false;
  // Compiled once before the timer, as CPython's side builds its operation list before its timer.
  const code = engine.compile(mix.statements);
  const start = performance.now();
  engine.run(code);
  const seconds = (performance.now() - start) / 1000;
  return { statementsPerSecond: mix.statements.length / seconds, collections: [...engine.rt.gc.collections] };
}
