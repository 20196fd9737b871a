/*
 * Splitting one source line into tokens.
 *
 * The language is line-based and tiny, so a line is tokenized on its own: names, decimal int
 * literals (Python's form, underscores allowed, no leading zeros), short string literals in single or
 * double quotes, and the punctuation the statements use. Spaces and tabs between tokens are free;
 * `#` starts a comment. Columns are 1-based so that diagnostics read like compiler output.
 */

export type TokenType = 'name' | 'int' | 'string' | 'punct';

export interface Token {
  type: TokenType;
  /** The token as written (for a string: without quotes; for an int: digits, underscores removed). */
  text: string;
  col: number;
}

export class SyntaxProblem extends Error {
  constructor(readonly col: number, message: string) {
    super(message);
  }
}

const PUNCTUATION = new Set(['=', '[', ']', '{', '}', '(', ')', ',', '.', ':', '-']);
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
/** Python's decimalinteger: no leading zeros except for zero itself; single underscores between digits. */
const DECIMAL_INTEGER = /^(?:[1-9](?:_?[0-9])*|0(?:_?0)*)$/;

/** Tokens of `line`; throws a SyntaxProblem at the first character that starts no token. */
export function tokenizeLine(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    const col = i + 1;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '#') {
      break;
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < line.length && NAME_PART.test(line[j])) j++;
      tokens.push({ type: 'name', text: line.slice(i, j), col });
      i = j;
    } else if (DIGIT.test(c)) {
      let j = i + 1;
      while (j < line.length && (NAME_PART.test(line[j]) || line[j] === '.')) j++;
      const written = line.slice(i, j);
      if (!DECIMAL_INTEGER.test(written)) throw new SyntaxProblem(col, `invalid integer literal '${written}'`);
      tokens.push({ type: 'int', text: written.replace(/_/g, ''), col });
      i = j;
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new SyntaxProblem(col, 'unterminated string literal');
      tokens.push({ type: 'string', text: line.slice(i + 1, end), col });
      i = end + 1;
    } else if (PUNCTUATION.has(c)) {
      tokens.push({ type: 'punct', text: c, col });
      i++;
    } else {
      throw new SyntaxProblem(col, `unexpected character ${JSON.stringify(c)}`);
    }
  }
  return tokens;
}
