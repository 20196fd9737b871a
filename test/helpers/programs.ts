/*
 * Test helpers: programs from text or from the examples folder, failing loudly on invalid input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Program } from '../../language/ast.js';
import { loadProgram } from '../../language/load.js';

export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'examples');

export function program(text: string, file = 'test.py'): Program {
  const loaded = loadProgram(text, file);
  if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
  return loaded.program;
}

export function examplePrograms(): Array<{ name: string; program: Program }> {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => ({ name: f, program: program(readFileSync(join(EXAMPLES_DIR, f), 'utf8'), f) }));
}
