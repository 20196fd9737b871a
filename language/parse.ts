/*
 * Program text to AST (docs/language.md).
 *
 * The language has one statement per line and no nesting, so each line is parsed on its own and a
 * bad line costs only itself: the parser reports it and goes on, and a file with ten mistakes gets
 * ten diagnostics in one run. Literals are range-checked here (at their own column) so that the
 * AST never holds, say, generation 7; name binding and types are left to the validator. The header
 * comment `# pymem: …` sets the program's version profile and geometry (parseHeaderComment.ts).
 */
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON, type Program, type Statement } from './ast.js';
import { literalProblems } from './limits.js';
import { HEADER_COMMENT, parseHeaderComment } from './parseHeaderComment.js';
import { parseStatement } from './parseStatement.js';
import { SyntaxProblem, tokenizeLine } from './tokenizeLine.js';

export interface Diagnostic {
  line: number;
  col: number;
  message: string;
}

export function parseProgram(text: string): { program: Program; diagnostics: Diagnostic[] } {
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  let geometry = { ...CPYTHON_GEOMETRY };
  let cpython = DEFAULT_CPYTHON;
  let headerLine: number | null = null;

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((source, index) => {
    const line = index + 1;
    const firstCol = source.search(/[^ \t]/) + 1;
    if (firstCol === 0) return;
    const content = source.slice(firstCol - 1);
    if (content.startsWith('#')) {
      if (!HEADER_COMMENT.test(content)) return;
      if (headerLine !== null) {
        diagnostics.push({ line, col: firstCol, message: `duplicate '# pymem:' line (the first is line ${headerLine})` });
        return;
      }
      headerLine = line;
      const parsed = parseHeaderComment(content, firstCol);
      for (const p of parsed.problems) diagnostics.push({ line, ...p });
      if (parsed.problems.length === 0) ({ geometry, cpython } = parsed);
      return;
    }
    if (firstCol > 1) {
      diagnostics.push({ line, col: 1, message: 'unexpected indentation' });
      return;
    }
    try {
      const tokens = tokenizeLine(source);
      if (tokens.length === 0) return;
      const { statement, literalCols } = parseStatement(tokens, line, source.length + 1);
      const problems = literalProblems(statement);
      for (const p of problems) diagnostics.push({ line, col: literalCols[p.literal] ?? firstCol, message: p.message });
      if (problems.length === 0) statements.push(statement);
    } catch (e) {
      if (!(e instanceof SyntaxProblem)) throw e;
      diagnostics.push({ line, col: e.col, message: e.message });
    }
  });
  return { program: { statements, geometry, cpython }, diagnostics };
}
