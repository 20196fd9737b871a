/*
 * Statements compiled once into instructions the engine runs without looking at a string: four int32
 * words each, an opcode and three operands, names resolved to binding slots (bindings.ts) in advance.
 * The engine reads each operand by its name below (AT_…), the word's offset in the instruction, from
 * module-local copies of these constants: V8 folds a module's own constants into the code that uses
 * them, while an imported binding is loaded, and checked for initialization, at every use.
 *
 *   opcode           AT_TARGET /      AT_OBJECT_KIND /   AT_VALUE
 *                    AT_STATEMENT     AT_SLOT / AT_SOURCE
 *   OP_STATEMENT     statement index                              any statement kind without an opcode of
 *                                                                 its own: the engine runs the Statement
 *   OP_NEW_INSTANCE  target           object kind                 `x = Obj()` / `Fin()` / `Lazarus()`
 *   OP_SET_SLOT      target           slot SLOT_A..C     value    `x.a = y`
 *   OP_DEL_SLOT      target           slot SLOT_A..C              `del x.a`
 *   OP_BIND_NONE     target                                       `x = None`
 *   OP_REBIND        target           source                      `x = y`
 *   OP_UNBIND        target                                       one name of `del x, y`
 *
 * Only the statements that dominate real programs and the standard mix have opcodes; a new statement
 * kind needs nothing here (it runs as OP_STATEMENT) until a profile says it is hot. One statement may
 * compile to several instructions (`del`); a statement's instructions are contiguous.
 */
import type { Statement } from '../language/ast.js';
import { KIND_FIN, KIND_LAZARUS, KIND_OBJ, SLOT_A, SLOT_B, SLOT_C } from './objects/kinds.js';
import { grownTo } from './typedArrays.js';

export const OP_STATEMENT = 0;
export const OP_NEW_INSTANCE = 1;
export const OP_SET_SLOT = 2;
export const OP_DEL_SLOT = 3;
export const OP_BIND_NONE = 4;
export const OP_REBIND = 5;
export const OP_UNBIND = 6;

/** Words per instruction. */
export const WORDS = 4;
// The words of an instruction, by offset: the opcode, then three operands, each named by what it holds
// for the opcodes that use it (table above).
export const AT_OPCODE = 0;
const AT_FIRST_OPERAND = 1;
const AT_SECOND_OPERAND = 2;
const AT_THIRD_OPERAND = 3;
export const AT_TARGET = AT_FIRST_OPERAND;
export const AT_STATEMENT = AT_FIRST_OPERAND;
export const AT_OBJECT_KIND = AT_SECOND_OPERAND;
export const AT_SLOT = AT_SECOND_OPERAND;
export const AT_SOURCE = AT_SECOND_OPERAND;
export const AT_VALUE = AT_THIRD_OPERAND;

const SLOT_INDEX = { a: SLOT_A, b: SLOT_B, c: SLOT_C } as const;
const CLASS_KIND = { Obj: KIND_OBJ, Fin: KIND_FIN, Lazarus: KIND_LAZARUS } as const;

export class Code {
  words = new Int32Array(64 * WORDS);
  /** Instructions written. */
  length = 0;
  /** The statements OP_STATEMENT instructions run. */
  readonly statements: Statement[] = [];

  /** Forget every instruction (the buffer is kept). */
  reset(): void {
    this.length = 0;
    this.statements.length = 0;
  }

  emit(op: number, first: number, second = 0, third = 0): void {
    const at = this.length * WORDS;
    if (at === this.words.length) {
      this.words = grownTo(this.words, this.words.length * 2);
    }
    this.words[at + AT_OPCODE] = op;
    this.words[at + AT_FIRST_OPERAND] = first;
    this.words[at + AT_SECOND_OPERAND] = second;
    this.words[at + AT_THIRD_OPERAND] = third;
    this.length++;
  }
}

/** Append the instructions of one statement; `slotOf` names a binding slot. */
export function compileStatement(code: Code, s: Statement, slotOf: (name: string) => number): void {
  switch (s.kind) {
    case 'newInstance':
      return code.emit(OP_NEW_INSTANCE, slotOf(s.target), CLASS_KIND[s.cls]);
    case 'setSlot':
      return code.emit(OP_SET_SLOT, slotOf(s.target), SLOT_INDEX[s.slot], slotOf(s.value));
    case 'delSlot':
      return code.emit(OP_DEL_SLOT, slotOf(s.target), SLOT_INDEX[s.slot]);
    case 'bindNone':
      return code.emit(OP_BIND_NONE, slotOf(s.target));
    case 'rebind':
      return code.emit(OP_REBIND, slotOf(s.target), slotOf(s.source));
    case 'del':
      for (const name of s.names) code.emit(OP_UNBIND, slotOf(name));
      return;
    default:
      code.emit(OP_STATEMENT, code.statements.length);
      code.statements.push(s);
  }
}
