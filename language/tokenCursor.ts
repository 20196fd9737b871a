/*
 * A cursor over the tokens of one line, with the small vocabulary the statement parsers share.
 *
 * Besides moving through tokens it records, as a side effect of reading them, the column of every
 * name operand and every literal: parsers read operands and literals in source order, which is the
 * order `operandNames` and `literalProblems` use, so the columns line up without bookkeeping in
 * each statement form.
 */
import type { Statement, SlotName, Subscript } from './ast.js';
import { NAME_PATTERN } from './names.js';
import { SyntaxProblem, type Token } from './tokenizeLine.js';

const SLOTS: ReadonlySet<string> = new Set(['a', 'b', 'c']);

/** A statement as a parser builds it, before the location is attached. */
export type StatementBody = Statement extends infer S ? (S extends Statement ? Omit<S, 'loc'> : never) : never;

export class TokenCursor {
  private position = 0;
  readonly operandCols: number[] = [];
  readonly literalCols: number[] = [];

  constructor(private readonly tokens: Token[], private readonly endCol: number) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }
  atEnd(): boolean {
    return this.position >= this.tokens.length;
  }
  isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.type === 'punct' && t.text === text;
  }
  fail(message: string, token = this.peek()): never {
    throw new SyntaxProblem(token?.col ?? this.endCol, message);
  }
  describe(t = this.peek()): string {
    if (!t) return 'end of line';
    return t.type === 'string' ? `string '${t.text}'` : `'${t.text}'`;
  }
  next(): Token {
    const t = this.peek();
    if (!t) this.fail('unexpected end of line');
    this.position++;
    return t;
  }
  /** The next token if it is the punctuation or word `text`. */
  expect(text: string): Token {
    const t = this.peek();
    if (!t || t.type === 'string' || t.type === 'int' || t.text !== text) {
      this.fail(`expected '${text}', found ${this.describe()}`);
    }
    return this.next();
  }
  /** A name token matching the language's name pattern, not yet recorded as an operand. */
  word(what = 'a name'): Token {
    const t = this.peek();
    if (t?.type !== 'name') this.fail(`expected ${what}, found ${this.describe()}`);
    if (!NAME_PATTERN.test(t.text)) this.fail(`'${t.text}' is not a valid name (names match [a-z_][a-z0-9_]*)`);
    return this.next();
  }
  operand(): string {
    const t = this.word();
    this.operandCols.push(t.col);
    return t.text;
  }
  int(): number {
    const minus = this.isPunct('-') ? this.next() : undefined;
    const t = this.peek();
    if (t?.type !== 'int') this.fail(`expected an integer, found ${this.describe()}`);
    this.next();
    this.literalCols.push((minus ?? t).col);
    const value = Number(t.text);
    if (!Number.isSafeInteger(value)) this.fail(`integer literal ${t.text} is too large`, minus ?? t);
    return minus && value !== 0 ? -value : value;
  }
  key(): string {
    const t = this.peek();
    if (t?.type !== 'string') this.fail(`expected a string key, found ${this.describe()}`);
    this.literalCols.push(t.col);
    return this.next().text;
  }
  subscript(): Subscript {
    return this.peek()?.type === 'string' ? this.key() : this.int();
  }
  /** Items up to `close`, separated by commas, a trailing comma allowed (as in Python). */
  separated<T>(close: string, item: () => T): { items: T[]; trailingComma: boolean } {
    const items: T[] = [];
    let trailingComma = false;
    while (!this.isPunct(close)) {
      items.push(item());
      trailingComma = this.isPunct(',');
      if (trailingComma) this.next();
      else if (!this.isPunct(close)) this.fail(`expected ',' or '${close}', found ${this.describe()}`);
    }
    this.next();
    return { items, trailingComma };
  }
  end(): void {
    if (!this.atEnd()) this.fail(`unexpected ${this.describe()} after the statement`);
  }
  slot(): SlotName {
    const t = this.peek();
    if (t?.type !== 'name' || !SLOTS.has(t.text)) this.fail(`expected a slot name (a, b or c), found ${this.describe()}`);
    return this.next().text as SlotName;
  }
}
