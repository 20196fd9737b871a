/*
 * Reading a file a user hands pymem — a program, a finding, a campaign file — as UTF-8 text. A file
 * that cannot be read is named with the reason in plain words; a file that is not UTF-8 is refused at
 * the first bad byte (`FILE:LINE:COL: not UTF-8`), because CPython reads source files as UTF-8 and
 * rejects such a program, and a counterexample that CPython cannot run proves nothing. Node's own
 * `readFileSync(file, 'utf8')` would turn the bad byte into U+FFFD and carry on.
 */
import { readFileSync } from 'node:fs';
import { fileProblem } from './fileErrors.js';
import { UsageError } from './usageError.js';

/** `what` names the file's role for the message: "the program", "a pymem finding". */
export function readUtf8File(file: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError([`cannot read ${what} ${file}: ${fileProblem(e)}`]);
  }
  // ignoreBOM keeps a byte order mark in the text, so that text offsets and byte offsets line up below.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = firstUndecodableByte(bytes, text);
  if (bad !== undefined) {
    const before = text.slice(0, bad.textOffset);
    const line = before.split('\n').length;
    const col = bad.textOffset - before.lastIndexOf('\n');
    const hex = bytes[bad.byteOffset].toString(16).padStart(2, '0');
    throw UsageError.inFile([`${file}:${line}:${col}: not UTF-8 (byte 0x${hex}); save the file as UTF-8`]);
  }
  return text;
}

/**
 * Where the decoder first put a U+FFFD for bytes that were not one: everything before it decoded, so
 * it re-encodes to exactly the bytes it came from and its encoded length is the bad byte's offset.
 */
function firstUndecodableByte(bytes: Buffer, text: string): { textOffset: number; byteOffset: number } | undefined {
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    const byteOffset = Buffer.byteLength(text.slice(0, i), 'utf8');
    const genuine = bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd;
    if (!genuine) return { textOffset: i, byteOffset };
  }
  return undefined;
}
