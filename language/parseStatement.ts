/*
 * Recursive descent over the tokens of one line, for the statement forms of
 * docs/language.md#statements.
 *
 * Each form is recognised by its first two or three tokens, so the parser never backtracks. It
 * checks syntax only: whether a name is bound, reserved or of the right type is the validator's
 * business, and literal ranges are checked by the caller through `literalProblems`. The cursor records
 * the columns of operands and literals as they are read (see tokenCursor.ts).
 */
import type { InstanceClass, Statement } from './ast.js';
import { attributeStatement } from './parseAttributeStatement.js';
import { TokenCursor, type StatementBody } from './tokenCursor.js';
import type { Token } from './tokenizeLine.js';

const INSTANCE_CLASSES: ReadonlySet<string> = new Set(['Obj', 'Fin', 'Lazarus']);

export interface ParsedStatement {
  statement: Statement;
  literalCols: number[];
}

/** Parses the tokens of line `line` (non-empty); throws a SyntaxProblem at the first error. */
export function parseStatement(tokens: Token[], line: number, endCol: number): ParsedStatement {
  const cursor = new TokenCursor(tokens, endCol);
  const first = cursor.peek()!;
  const body = statementBody(cursor);
  cursor.end();
  const statement = { ...body, loc: { line, col: first.col, operandCols: cursor.operandCols } } as Statement;
  return { statement, literalCols: cursor.literalCols };
}

function statementBody(c: TokenCursor): StatementBody {
  const first = c.peek()!;
  if (first.type === 'name' && first.text === 'del') return deletion(c);
  if (first.type !== 'name') c.fail(`a statement starts with a name, found ${c.describe()}`);
  if (c.isPunct('=', 1)) {
    const target = c.word().text;
    c.next();
    return assignment(c, target);
  }
  if (c.isPunct('[', 1)) {
    const container = c.operand();
    c.next();
    const index = c.subscript();
    c.expect(']');
    c.expect('=');
    return { kind: 'setItem', container, index, value: c.operand() };
  }
  if (c.isPunct('.', 1)) return attributeStatement(c);
  if (c.isPunct('(', 1)) return functionCall(c);
  return c.fail(`unknown statement starting with '${first.text}'`);
}

function deletion(c: TokenCursor): StatementBody {
  c.next();
  const container = c.operand();
  if (c.isPunct('[')) {
    c.next();
    const index = c.subscript();
    c.expect(']');
    return { kind: 'delItem', container, index };
  }
  if (c.isPunct('.')) {
    c.next();
    return { kind: 'delSlot', target: container, slot: c.slot() };
  }
  const names = [container];
  while (c.isPunct(',')) {
    c.next();
    if (c.atEnd()) break;
    names.push(c.operand());
  }
  return { kind: 'del', names };
}

function assignment(c: TokenCursor, target: string): StatementBody {
  const t = c.peek();
  if (!t) return c.fail('expected a value after =');
  if (t.type === 'punct' && t.text === '[') {
    c.next();
    return { kind: 'newList', target, items: c.separated(']', () => c.operand()).items };
  }
  if (t.type === 'punct' && t.text === '{') {
    c.next();
    const entries = c.separated('}', () => {
      const key = c.key();
      c.expect(':');
      return [key, c.operand()] as [string, string];
    }).items;
    return { kind: 'newDict', target, entries };
  }
  if (t.type === 'punct' && t.text === '(') {
    c.next();
    const { items, trailingComma } = c.separated(')', () => c.operand());
    if (items.length === 0) c.fail('the empty tuple is not supported (it is a shared singleton)', t);
    if (items.length === 1 && !trailingComma) c.fail(`(${items[0]}) is not a tuple; write (${items[0]},)`, t);
    return { kind: 'newTuple', target, items };
  }
  if (t.type !== 'name') return c.fail(`expected a value, found ${c.describe()}`);
  if (t.text === 'None') {
    c.next();
    return { kind: 'bindNone', target };
  }
  if (c.isPunct('(', 1)) return constructorCall(c, target);
  if (t.text === 'weakref' && c.isPunct('.', 1)) return weakrefCall(c, target);
  if (INSTANCE_CLASSES.has(t.text)) c.fail(`write ${t.text}() to create an instance`, c.peek(1) ?? t);
  return { kind: 'rebind', target, source: c.operand() };
}

/** `w = weakref.ref(x)` or `w = weakref.ref(x, on_clear)`: the prelude's callback is the only one. */
function weakrefCall(c: TokenCursor, target: string): StatementBody {
  c.next();
  c.next();
  c.expect('ref');
  c.expect('(');
  const referent = c.operand();
  let callback = false;
  if (c.isPunct(',') && !c.isPunct(')', 1)) {
    c.next();
    const t = c.peek();
    if (t?.type !== 'name' || t.text !== 'on_clear') c.fail(`the only weakref callback is on_clear, found ${c.describe()}`);
    c.next();
    callback = true;
  }
  if (c.isPunct(',')) c.next();
  c.expect(')');
  return { kind: 'newWeakref', target, referent, callback };
}

/** `x = Obj()`, `x = bytes(N)`, `m = malloc(N)`, `m = realloc(m, N)`. */
function constructorCall(c: TokenCursor, target: string): StatementBody {
  const callee = c.next();
  c.next();
  const args = <T>(parse: () => T): T => {
    const value = parse();
    if (c.isPunct(',') && c.isPunct(')', 1)) c.next();
    c.expect(')');
    return value;
  };
  if (INSTANCE_CLASSES.has(callee.text)) {
    c.expect(')');
    return { kind: 'newInstance', target, cls: callee.text as InstanceClass };
  }
  switch (callee.text) {
    case 'bytes':
      return { kind: 'newBytes', target, size: args(() => c.int()) };
    case 'malloc':
      return { kind: 'malloc', target, size: args(() => c.int()) };
    case 'realloc':
      return args(() => {
        const block = c.operand();
        c.expect(',');
        return { kind: 'realloc', target, block, size: c.int() };
      });
    default:
      return c.fail(`unsupported call '${callee.text}()'`, callee);
  }
}

/** Statements of the form `free(m)` and `fork()`. */
function functionCall(c: TokenCursor): StatementBody {
  const callee = c.next();
  c.next();
  if (callee.text === 'free') {
    const block = c.operand();
    if (c.isPunct(',')) c.next();
    c.expect(')');
    return { kind: 'free', block };
  }
  if (callee.text === 'fork') {
    c.expect(')');
    return { kind: 'fork' };
  }
  return c.fail(`unsupported call '${callee.text}()'`, callee);
}
