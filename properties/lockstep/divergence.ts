/*
 * A failure of the lockstep check: which invariant broke (properties/invariants/catalogue.ts), where,
 * and on which objects.
 */
import type { Invariant } from '../invariants/catalogue.js';

export interface Divergence {
  invariant: Invariant;
  /** 1-based statement number (0: teardown after the last statement). */
  step: number;
  line: number;
  message: string;
  /** Object ids (or raw block addresses, for the allocator) the failure is about. */
  objects: number[];
}

/** A checker's way to report: the divergence at the statement being checked. */
export type Diverge = (invariant: Invariant, message: string, objects?: number[]) => Divergence;

export function describeDivergence(d: Divergence): string {
  const where = d.step === 0 ? 'at teardown' : `at step ${d.step} (line ${d.line})`;
  const objects = d.objects.length > 0 ? ` [objects ${d.objects.join(', ')}]` : '';
  return `${d.invariant} ${where}: ${d.message}${objects}`;
}
