/*
 * Reading a program file for a command: every problem becomes `FILE:LINE:COL: message` and a
 * UsageError (exit 2), so a command never starts on a program it cannot run.
 */
import { readFileSync } from 'node:fs';
import type { Program } from '../language/ast.js';
import { loadProgram } from '../language/load.js';
import { UsageError } from './usageError.js';

export function readProgram(file: string): Program {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError([`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  const loaded = loadProgram(text, file);
  if (!loaded.ok) throw new UsageError(loaded.messages);
  return loaded.program;
}
