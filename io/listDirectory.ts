/*
 * The names in a directory a user handed pymem (a campaign's corpus/ or findings/): a path that is a
 * file, or cannot be read, is named with the reason in plain words instead of Node's ENOTDIR.
 */
import { readdirSync, statSync } from 'node:fs';
import { fileProblem } from './fileErrors.js';
import { UsageError } from './usageError.js';

/** `what` names the directory's role for the message: "the corpus folder". */
export function listDirectory(dir: string, what: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError([`${what} ${dir} is a file, not a directory`]);
    return readdirSync(dir);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError([`cannot list ${what} ${dir}: ${fileProblem(e)}`]);
  }
}
