/*
 * Reading a program file for a command: every problem becomes a UsageError (exit 2) — the file named
 * with the reason when it cannot be read, `FILE:LINE:COL: message` for what is wrong inside it — so a
 * command never starts on a program it cannot run.
 */
import type { Program } from '../language/ast.js';
import { loadProgram } from '../language/load.js';
import { readUtf8File } from './readTextFile.js';
import { UsageError } from './usageError.js';

export function readProgramFile(file: string): { program: Program; text: string } {
  const text = readUtf8File(file, 'the program');
  const loaded = loadProgram(text, file);
  if (!loaded.ok) throw UsageError.inFile(loaded.messages);
  return { program: loaded.program, text };
}

export function readProgram(file: string): Program {
  return readProgramFile(file).program;
}
