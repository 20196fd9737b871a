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

/**
 * Where a failure happened, as a reader wants it: a teardown statement has no line of the program
 * (its line is 0, and its message says `teardown:`), so it is named by its step alone.
 */
export function failureWhere(step: number, line: number): string {
  if (step === 0) return 'at teardown';
  return line > 0 ? `at step ${step} (line ${line})` : `at step ${step}`;
}

export function describeDivergence(d: Divergence): string {
  return `${d.invariant} ${failureWhere(d.step, d.line)}: ${d.message}${formatObjects(d.objects, d.addresses)}`;
}
