/*
 * The standard mix on pymem's implementation: statements/s over the pre-parsed statements, and the
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
  const statements = mix.statements;
  const start = performance.now();
  for (let k = 0; k < statements.length; k++) engine.executeStatement(statements[k]);
  const seconds = (performance.now() - start) / 1000;
  return { statementsPerSecond: statements.length / seconds, collections: [...engine.rt.gc.collections] };
}
