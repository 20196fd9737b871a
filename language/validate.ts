/*
 * Static validation of a whole program (docs/language.md#validation): one diagnostic per problem, at the
 * column of the operand at fault.
 *
 * The checking itself is symbolic execution (symbolicExecution.ts); this file turns its problems into
 * positions. Parsed statements carry their location. Statements built in memory (by a generator or a
 * shrinker) do not, so they are located where `printProgram` would put them: the line of the printed
 * program, and columns found by re-parsing the printed statement.
 */
import type { Program, SourceLocation, Statement } from './ast.js';
import { geometryProblems } from './limits.js';
import { type Diagnostic, parseProgram } from './parse.js';
import { printHeader, printStatement } from './print.js';
import { type ProblemSite, SymbolicExecution } from './symbolicExecution.js';

/** The version profile does not change what is valid: a program without one validates alike. */
export function validateProgram(p: Omit<Program, 'cpython'> & Partial<Pick<Program, 'cpython'>>): Diagnostic[] {
  const diagnostics: Diagnostic[] = geometryProblems(p.geometry).map(({ message }) => ({ line: 1, col: 1, message }));
  const printedOffset = printHeader(p) === null ? 1 : 2;
  const execution = new SymbolicExecution();
  p.statements.forEach((s, index) => {
    const problems = execution.step(s);
    if (problems.length === 0) return;
    const loc = s.loc ?? printedLocation(s, index + printedOffset);
    for (const { site, message } of problems) diagnostics.push({ line: loc.line, col: siteColumn(site, loc), message });
  });
  return diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
}

function siteColumn(site: ProblemSite, loc: SourceLocation): number {
  if (typeof site === 'object' && 'operand' in site) return loc.operandCols?.[site.operand] ?? loc.col;
  return loc.col;
}

function printedLocation(s: Statement, line: number): SourceLocation {
  const reparsed = parseProgram(printStatement(s)).program.statements[0]?.loc;
  return { line, col: 1, operandCols: reparsed?.operandCols };
}
