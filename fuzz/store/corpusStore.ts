/*
 * The `corpus/` folder: the programs that reached new coverage, one `.py` file each, written
 * atomically. A corpus file is a plain program — `npx pymem check corpus/X.py` runs it — whose first
 * line is a comment saying where it came from and which features it added:
 *
 *   # pymem-corpus: {"ordinal":12,"index":12,"origin":"fresh","features":["collect:g0:automatic",…]}
 *
 * The corpus is the campaign's coverage record: the union of its entries' features is every feature
 * the campaign has seen, so resume rebuilds the feature set from it. Entries are kept in ordinal order,
 * the order in which they were found, which is what makes corpus mutation deterministic.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadProgram } from '../../language/load.js';
import { listDirectory } from '../../io/listDirectory.js';
import { readUtf8File } from '../../io/readTextFile.js';
import { UsageError } from '../../io/usageError.js';
import { isTemporaryName, writeFileAtomically } from '../../io/atomicFiles.js';
import { contentHash } from './hash.js';
import type { Origin } from '../programs/programSource.js';

const HEADER = '# pymem-corpus: ';

export interface CorpusEntry {
  ordinal: number;
  index: number;
  origin: Origin;
  features: string[];
  /** The program text (without the header). */
  program: string;
}

export function corpusDir(campaignDir: string): string {
  return join(campaignDir, 'corpus');
}

export function corpusFileName(entry: Pick<CorpusEntry, 'index' | 'program'>): string {
  return `${String(entry.index).padStart(9, '0')}-${contentHash(entry.program)}.py`;
}

export function saveCorpusEntry(campaignDir: string, entry: CorpusEntry): void {
  const dir = corpusDir(campaignDir);
  mkdirSync(dir, { recursive: true });
  const { ordinal, index, origin, features } = entry;
  writeFileAtomically(join(dir, corpusFileName(entry)), `${HEADER}${JSON.stringify({ ordinal, index, origin, features })}\n${entry.program}`);
}

export function parseCorpusFile(file: string, text: string): CorpusEntry {
  const newline = text.indexOf('\n');
  const header = newline < 0 ? text : text.slice(0, newline);
  const program = newline < 0 ? '' : text.slice(newline + 1);
  if (!header.startsWith(HEADER)) throw UsageError.inFile([`${file}:1:1: not a pymem corpus file (expected a first line '${HEADER}{…}')`]);
  let meta: Partial<CorpusEntry>;
  try {
    meta = JSON.parse(header.slice(HEADER.length)) as Partial<CorpusEntry>;
  } catch (e) {
    throw UsageError.inFile([`${file}:1:${HEADER.length + 1}: corrupt corpus header: ${(e as Error).message}`]);
  }
  const { ordinal, index, origin, features } = meta;
  if (typeof ordinal !== 'number' || typeof index !== 'number' || (origin !== 'fresh' && origin !== 'mutant') || !Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
    throw UsageError.inFile([`${file}:1:1: corrupt corpus header: expected ordinal, index, origin and features`]);
  }
  const loaded = loadProgram(text, file); // the header is a comment: line numbers stay the file's
  if (!loaded.ok) throw UsageError.inFile(loaded.messages.map((m) => `${m} (a corrupt corpus program)`));
  return { ordinal, index, origin, features, program };
}

/** The corpus in ordinal order; every file is checked. */
export function readCorpus(campaignDir: string): CorpusEntry[] {
  const dir = corpusDir(campaignDir);
  if (!existsSync(dir)) return [];
  const entries: CorpusEntry[] = [];
  for (const name of listDirectory(dir, 'the corpus folder')) {
    const file = join(dir, name);
    if (isTemporaryName(name)) continue;
    if (!name.endsWith('.py')) throw new UsageError([`${file}: a foreign file in corpus/ (expected .py programs only)`]);
    entries.push(parseCorpusFile(file, readUtf8File(file, 'the corpus program')));
  }
  return entries.sort((a, b) => a.ordinal - b.ordinal || a.index - b.index);
}

/** Deletes the entries found at ordinals ≥ `before` (after the last checkpoint); returns the rest. */
export function dropCorpusFrom(campaignDir: string, entries: CorpusEntry[], before: number): CorpusEntry[] {
  for (const entry of entries) if (entry.ordinal >= before) rmSync(join(corpusDir(campaignDir), corpusFileName(entry)), { force: true });
  return entries.filter((entry) => entry.ordinal < before);
}
