/*
 * The abstract values of the validator's symbolic execution.
 *
 * An abstract object keeps only what a later statement can ask about it: a list's length (for pop
 * and index ranges), a dict's key set, an instance's class and set slots. Tuples, weakrefs and bytes
 * support no operation of the language, so their kind is all there is. Objects and raw blocks are
 * shared by reference between the names that alias them.
 */
import type { InstanceClass, SlotName } from './ast.js';

export type SymbolicObject =
  | { type: 'list'; length: number }
  | { type: 'dict'; keys: Set<string> }
  | { type: 'tuple' }
  | { type: 'instance'; cls: InstanceClass; slots: Set<SlotName> }
  | { type: 'weakref' }
  | { type: 'bytes' };

export interface RawBlock {
  releasedBy: 'free' | 'realloc' | null;
}

export type SymbolicValue = { kind: 'none' } | { kind: 'object'; object: SymbolicObject } | { kind: 'raw'; block: RawBlock };

/** Python's name for the type, as its error messages spell it. */
export function typeName(v: SymbolicValue): string {
  if (v.kind === 'none') return 'NoneType';
  if (v.kind === 'raw') return 'raw block';
  const o = v.object;
  if (o.type === 'instance') return o.cls;
  return o.type === 'weakref' ? 'weakref.ReferenceType' : o.type;
}
