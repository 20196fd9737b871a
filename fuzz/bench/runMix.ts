/*
 * The standard mix on pymem's implementation: statements/s over the pre-parsed statements, compiled once
 * into the engine's instructions (impl/compile.ts), and the
 * collections per generation they triggered (which must equal CPython's: the same counting rules).
 */
import { CPYTHON_GEOMETRY } from '../../model/language/ast.js';
import { ImplEngine } from '../../impl/engine.js';
import type { StandardMix } from './standardMix.js';

export interface MixResult {
  statementsPerSecond: number;
  collections: number[];
}

export function runMixOnImplementation(mix: StandardMix): MixResult {
  const engine = new ImplEngine({ geometry: CPYTHON_GEOMETRY });
  engine.rt.recordEvents = false;
  // Compiled once before the timer, as CPython's side builds its operation list before its timer.
  const code = engine.compile(mix.statements);
  const start = performance.now();
  engine.run(code);
  const seconds = (performance.now() - start) / 1000;
  return { statementsPerSecond: mix.statements.length / seconds, collections: [...engine.rt.gc.collections] };
}
