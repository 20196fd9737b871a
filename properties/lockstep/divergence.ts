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
  /** `objects` are block addresses (an allocator call's answer and the model's), not object ids. */
  addresses?: boolean;
}

/** A checker's way to report: the divergence at the statement being checked. */
export type Diverge = (invariant: Invariant, message: string, objects?: number[]) => Divergence;

/**
 * The objects a failure is about, as a reader wants them: ids in decimal, block addresses in hex (as
 * the messages write them). Without the `addresses` flag (a finding saved before it existed), a value
 * beyond 32 bits is taken for an address: ids count objects from 1.
 */
export function formatObjects(objects: readonly number[], addresses?: boolean): string {
  if (objects.length === 0) return '';
  const hex = addresses ?? objects.some((o) => o >= 2 ** 32);
  return hex ? ` [blocks ${objects.map((a) => `0x${a.toString(16)}`).join(', ')}]` : ` [objects ${objects.join(', ')}]`;
}

export function describeDivergence(d: Divergence): string {
  const where = d.step === 0 ? 'at teardown' : `at step ${d.step} (line ${d.line})`;
  return `${d.invariant} ${where}: ${d.message}${formatObjects(d.objects, d.addresses)}`;
}
