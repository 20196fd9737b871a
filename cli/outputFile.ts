/*
 * Writing a file a flag names (`--html OUT.html`, `--dot FILE`): whole or not at all, and a path that
 * cannot be written is a usage error naming the flag and the reason in plain words.
 */
import { writeFileAtomically } from '../io/atomicFiles.js';
import { fileProblem } from '../io/fileErrors.js';
import { UsageError } from '../io/usageError.js';

export function writeOutputFile(flag: string, file: string, text: string): void {
  try {
    writeFileAtomically(file, text);
  } catch (e) {
    throw new UsageError([`--${flag} ${file}: cannot write: ${fileProblem(e, true)}`]);
  }
}
