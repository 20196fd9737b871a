/*
 * Every file a campaign writes is whole (docs/campaign.md#whole-files): a `kill -9` at any moment leaves
 * either the old file or the new one, never a mixture. Whole files are written to a temporary name in
 * the same directory and renamed over the target (rename is atomic within a file system). Temporary
 * names start with a dot and end in `.tmp`, so a campaign killed mid-write leaves only files that
 * `removeStaleTemporaries` recognises and deletes on resume.
 *
 * The one file that grows, stats.jsonl, is appended one whole line per `write` call (O_APPEND); a
 * reader drops a last line without its newline (readJsonLines), so even a torn append — which a
 * kill between the kernel's partial writes could in principle leave — never makes the file unreadable.
 */
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readUtf8File } from './readTextFile.js';

let counter = 0;

/**
 * `durable` also flushes the data to disk before the rename: a kill -9 never needs it (the page cache
 * survives the process), a power cut does. Findings and campaign.json are written durably; corpus
 * entries, which a resumed campaign finds again, are not (a flush per entry would slow the campaign).
 */
export function writeFileAtomically(file: string, text: string, durable = false): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${counter++}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    try {
      writeSync(fd, text);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (e) {
    // A file that cannot be written (a full disk, a directory in the way) leaves nothing behind.
    rmSync(temporary, { force: true });
    throw e;
  }
}

export function writeJsonAtomically(file: string, value: unknown, durable = true): void {
  writeFileAtomically(file, JSON.stringify(value, null, 2) + '\n', durable);
}

/** Append one line (no newline inside) with a single write. */
export function appendLine(file: string, line: string): void {
  const fd = openSync(file, 'a');
  try {
    writeSync(fd, line + '\n');
  } finally {
    closeSync(fd);
  }
}

/** The complete lines of a JSON Lines file; a torn last line (no trailing newline) is ignored. */
export function readCompleteLines(file: string, what = 'the file'): string[] {
  const text = readUtf8File(file, what);
  const end = text.lastIndexOf('\n');
  if (end < 0) return [];
  return text.slice(0, end).split('\n').filter((l) => l.length > 0);
}

/** Rewrite a JSON Lines file without its torn last line, if it has one (on resume, before appending). */
export function trimTornLastLine(file: string): void {
  const text = readFileSync(file, 'utf8');
  if (text.length === 0 || text.endsWith('\n')) return;
  writeFileAtomically(file, text.slice(0, text.lastIndexOf('\n') + 1));
}

export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** Delete the temporaries a killed campaign left in `dir`. */
export function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) if (isTemporaryName(name)) rmSync(join(dir, name), { force: true });
}
