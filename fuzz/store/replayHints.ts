/*
 * The commands a finding's summary line hands the user, each working on files that exist: the finding
 * file itself (`findings/<signature>.json`), nothing written beside it.
 *
 *   replay      `npx pymem replay FILE`: the failing step, both engines' lines, the heap;
 *   in CPython  the prelude (`npx pymem prelude`) followed by the finding's program
 *               (`npx pymem replay FILE --program`, which prints it without running it), piped to
 *               `python3 -` (`python3.12 -`, `python3.13 -` for a finding of another version profile): no file
 *               of its own.
 *
 * Paths are quoted for a POSIX shell, so a campaign directory with spaces or quotes in its name works.
 */
import { DEFAULT_CPYTHON } from '../../language/ast.js';

/** `s` as one word of a POSIX shell command. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function replayCommand(file: string, pymem = 'npx pymem'): string {
  return `${pymem} replay ${shellWord(file)}`;
}

/** The conventional interpreter name of a version profile: the default profile's is `python3`. */
function pythonFor(cpython: string | undefined): string {
  return cpython === undefined || cpython === DEFAULT_CPYTHON ? 'python3' : `python${cpython}`;
}

/** A shell command that runs the finding's program in CPython (its profile's interpreter), with the prelude in front. */
export function cpythonCommand(file: string, pymem = 'npx pymem', cpython?: string): string {
  return `(${pymem} prelude; ${replayCommand(file, pymem)} --program) | ${pythonFor(cpython)} -`;
}
