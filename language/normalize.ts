/*
 * Dropping the statements that became invalid, after a shrinker deleted others
 * (docs/language.md#generated-and-shrunk-programs).
 *
 * Deleting `x = []` leaves every later use of x dangling; deleting a `free(m)` makes a later
 * `free(m)` valid again. Walking the statements in order and keeping each one that is valid given
 * the ones kept before it handles both, and makes the result valid by construction. It is
 * idempotent: on a second pass every statement is valid given the same kept prefix.
 */
import type { Statement } from './ast.js';
import { SymbolicExecution } from './symbolicExecution.js';

export function normalizeStatements(stmts: Statement[]): Statement[] {
  const execution = new SymbolicExecution();
  const kept: Statement[] = [];
  for (const s of stmts) {
    if (execution.step(s).length === 0) kept.push(s);
  }
  return kept;
}
