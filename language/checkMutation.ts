/*
 * The container and slot statements of the validator: append, pop, clear, item store and delete,
 * slot store and delete, with CPython's error for each misuse (an AttributeError for a method the
 * type lacks, a TypeError for subscripting a tuple, an IndexError or KeyError for a missing item),
 * plus the subset's own rule that dict keys are string literals.
 */
import type { Statement } from './ast.js';
import { type SymbolicValue, typeName } from './symbolicValue.js';

/** Python's index normalisation: -1 is the last item. Null when out of range. */
function listPosition(index: number, length: number): number | null {
  const position = index < 0 ? index + length : index;
  return position >= 0 && position < length ? position : null;
}

/**
 * The container and slot operations. `objects` are the operands already read (undefined where
 * reading failed and a problem was already reported). Returns how to apply the statement.
 */
export function checkMutation(
  s: Statement,
  objects: Array<SymbolicValue | undefined>,
  at: (operand: number, message: string) => void,
  literalsValid: boolean,
): () => void {
  const noop = () => {};
  const subject = objects[0];
  if (!subject) return noop;
  const o = subject.kind === 'object' ? subject.object : null;
  const type = typeName(subject);
  const fail = (message: string) => (at(0, message), noop);
  const noAttribute = (attribute: string) => fail(`'${type}' object has no attribute '${attribute}'`);
  switch (s.kind) {
    case 'append':
      return o?.type === 'list' ? () => o.length++ : noAttribute('append');
    case 'clear':
      if (o?.type === 'list') return () => (o.length = 0);
      if (o?.type === 'dict') return () => o.keys.clear();
      return noAttribute('clear');
    case 'pop':
    case 'delItem':
    case 'setItem': {
      const index = s.index;
      if (o?.type === 'list') {
        if (index === null) return o.length === 0 ? fail('pop from empty list') : () => o.length--;
        if (typeof index === 'string') return fail(`list indices must be integers, not '${index}'`);
        if (literalsValid && listPosition(index, o.length) === null) {
          const what = s.kind === 'pop' ? 'pop' : s.kind === 'setItem' ? 'assignment' : 'deletion';
          return fail(`${what} index ${index} out of range for list of length ${o.length}`);
        }
        return s.kind === 'setItem' ? noop : () => o.length--;
      }
      if (o?.type === 'dict') {
        if (index === null) return fail('dict.pop() needs a key');
        if (typeof index === 'number') return fail(`dict keys are string literals in this language, not ${index}`);
        if (s.kind === 'setItem') return () => o.keys.add(index);
        if (!o.keys.has(index)) return fail(`key '${index}' is not in the dict`);
        return () => o.keys.delete(index);
      }
      if (s.kind === 'pop') return noAttribute('pop');
      if (s.kind === 'setItem') return fail(`'${type}' object does not support item assignment`);
      return fail(`'${type}' object doesn't support item deletion`);
    }
    case 'setSlot':
      return o?.type === 'instance' ? () => o.slots.add(s.slot) : noAttribute(s.slot);
    case 'delSlot':
      if (o?.type !== 'instance') return noAttribute(s.slot);
      if (!o.slots.has(s.slot)) return fail(`slot '${s.slot}' of '${o.cls}' object is not set`);
      return () => o.slots.delete(s.slot);
    default:
      return noop;
  }
}
