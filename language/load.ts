/*
 * Reading a program file for a command: parse, then validate, with every problem as
 * `FILE:LINE:COL: message`, sorted by position
 * (docs/language.md#messages).
 *
 * Syntax errors stop before validation, as Python's own compiler does: a line that did not parse
 * binds nothing, and validating without it would bury the real mistake under "name is not defined"
 * for every later use of its target.
 */
import type { Program } from './ast.js';
import { type Diagnostic, parseProgram } from './parse.js';
import { validateProgram } from './validate.js';

export function loadProgram(
  text: string,
  file: string,
): { ok: true; program: Program } | { ok: false; messages: string[] } {
  const { program, problems } = programProblems(text);
  if (problems.length === 0) return { ok: true, program };
  return { ok: false, messages: problems.map((d) => `${file}:${d.line}:${d.col}: ${d.message}`) };
}

/** The program and its problems in order of position (none: it loads). */
export function programProblems(text: string): { program: Program; problems: Diagnostic[] } {
  const { program, diagnostics } = parseProgram(text);
  const problems = diagnostics.length > 0 ? diagnostics : validateProgram(program);
  const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.col - b.col;
  return { program, problems: [...problems].sort(byPosition) };
}
