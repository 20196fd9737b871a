/*
 * The failure database (Hypothesis's example database, fast-check#3399): every failure the suite finds
 * is saved, shrunk, as a program file under `properties/regressions/`, and the regressions test replays
 * that folder before anything is generated. A file is plain pymem/Python with a header saying what it
 * pins; committing it makes it a permanent regression test.
 *
 * Files are named after the invariant and a hash of the program text, so the same shrunk failure is
 * saved once however often it is found. Writes are atomic (temporary name, then rename).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Program } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import type { Divergence } from '../lockstep/divergence.js';
import { describeDivergence } from '../lockstep/divergence.js';

export const REGRESSIONS_DIR = join(import.meta.dirname, '..', 'regressions');

export function programHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** `replayFlags`: what `pymem check` needs besides the file to replay it (`--impl MODULE --contract LEVEL`). */
export function saveFailure(program: Program, divergence: Divergence, origin: string, dir = REGRESSIONS_DIR, replayFlags = ''): string {
  const body = printProgram(program);
  const file = join(dir, `${divergence.invariant}--${programHash(body)}.py`);
  const header = [
    `# Found by the property suite: ${describeDivergence(divergence)}`,
    `# ${origin}`,
    `# Replay: npx pymem check ${file}${replayFlags}`,
    '',
  ].join('\n');
  mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, header + body);
  renameSync(temporary, file);
  return file;
}

export function savedFailures(dir = REGRESSIONS_DIR): Array<{ file: string; text: string }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.py')).sort().map((n) => ({ file: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }));
}
