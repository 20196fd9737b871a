/*
 * Writing a file the user asked for — a report, a picture, the file a flag names: whole or not at all
 * (atomicFiles.ts), and a path that cannot take it is a usage error naming it with the reason in plain
 * words, not a stack trace.
 */
import { writeFileAtomically } from './atomicFiles.js';
import { fileProblem } from './fileErrors.js';
import { UsageError } from './usageError.js';

/** `label` says what the file is in the message: the path itself, or the flag that named it (`--html OUT.html`). */
export function writeOutputFile(file: string, text: string, label = file): void {
  try {
    writeFileAtomically(file, text);
  } catch (e) {
    throw new UsageError([`${label}: cannot write: ${fileProblem(e, true)}`]);
  }
}
