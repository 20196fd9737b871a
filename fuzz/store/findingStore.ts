/*
 * The `findings/` folder: one `<signature>.json` per distinct failure, each written atomically.
 * Reading checks every file, so a corrupt or foreign file stops the command with a message naming it.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isTemporaryName, writeJsonAtomically } from '../../io/atomicFiles.js';
import { FINDING_FORMAT, type FindingRecord } from './findingRecord.js';
import { expectShape, readJsonFile } from '../../io/readJsonFile.js';
import { UsageError } from '../../io/usageError.js';

export function findingsDir(campaignDir: string): string {
  return join(campaignDir, 'findings');
}

export function findingFile(campaignDir: string, signature: string): string {
  return join(findingsDir(campaignDir), `${signature}.json`);
}

export function saveFinding(campaignDir: string, record: FindingRecord): string {
  mkdirSync(findingsDir(campaignDir), { recursive: true });
  const file = findingFile(campaignDir, record.signature);
  writeJsonAtomically(file, record);
  return file;
}

export function removeFinding(campaignDir: string, signature: string): void {
  rmSync(findingFile(campaignDir, signature), { force: true });
}

export function readFinding(file: string): FindingRecord {
  const record = expectShape<FindingRecord>(file, 'pymem finding', readJsonFile(file, 'pymem finding'), FINDING_FORMAT, {
    signature: 'string', kind: 'string', status: 'string', invariant: 'string|null', message: 'string', step: 'number',
    line: 'number', objects: 'array', seed: 'string', shard: 'object', index: 'number', indices: 'array', engine: 'object',
    program: 'string', originalProgram: 'string', originalSize: 'number', replays: 'object|null', trace: 'object|null',
  });
  if (!['divergence', 'crash', 'hang'].includes(record.kind)) {
    throw new UsageError([`${file}: corrupt pymem finding: unknown kind ${JSON.stringify(record.kind)}`]);
  }
  return record;
}

export function findingExists(campaignDir: string, signature: string): boolean {
  return existsSync(findingFile(campaignDir, signature));
}

/** Every finding of a campaign directory, by signature; a file that is not a finding is an error. */
export function readFindings(campaignDir: string): FindingRecord[] {
  const dir = findingsDir(campaignDir);
  if (!existsSync(dir)) return [];
  const records: FindingRecord[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (isTemporaryName(name)) continue;
    const file = join(dir, name);
    if (!name.endsWith('.json')) throw new UsageError([`${file}: a foreign file in findings/ (expected <signature>.json files only)`]);
    const record = readFinding(file);
    if (`${record.signature}.json` !== name) {
      throw new UsageError([`${file}: corrupt pymem finding: its signature is ${record.signature}, its name says otherwise`]);
    }
    records.push(record);
  }
  return records;
}
