/*
 * The `findings/` folder: one `<signature>.json` per distinct failure, each written atomically.
 * Reading checks every file, so a corrupt or foreign file stops the command with a message naming it —
 * including a finding whose program was edited into one that no longer loads, named at the place in
 * the finding file where the problem is written.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isTemporaryName, writeJsonAtomically } from '../../io/atomicFiles.js';
import { FINDING_FORMAT, type FindingRecord } from './findingRecord.js';
import { jsonFieldPosition } from '../../io/jsonFieldPosition.js';
import { listDirectory } from '../../io/listDirectory.js';
import { expectFields, expectShape, parseJsonText } from '../../io/readJsonFile.js';
import { engineChoiceProblem } from '../protocol/engineChoice.js';
import { readUtf8File } from '../../io/readTextFile.js';
import { UsageError } from '../../io/usageError.js';
import { programProblems } from '../../language/load.js';

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
  const text = readUtf8File(file, 'the pymem finding');
  const record = expectShape<FindingRecord>(file, 'pymem finding', parseJsonText(file, 'pymem finding', text), FINDING_FORMAT, {
    signature: 'string', kind: 'string', status: 'string', invariant: 'string|null', message: 'string', step: 'number',
    line: 'number', objects: 'array', seed: 'string', shard: 'object', index: 'number', indices: 'array', engine: 'object',
    program: 'string', originalProgram: 'string', originalSize: 'number', replays: 'object|null', trace: 'object|null',
  });
  if (!['divergence', 'crash', 'hang'].includes(record.kind)) {
    throw new UsageError([`${file}: corrupt pymem finding: unknown kind ${JSON.stringify(record.kind)}`]);
  }
  const engine = engineChoiceProblem(record.engine);
  if (engine) throw new UsageError([`${file}: corrupt pymem finding: field "engine" is ${engine}`]);
  // Findings written before the limits were recorded have none; replay then applies the defaults.
  if (record.limits != null) expectFields(file, 'pymem finding', 'limits.', record.limits, { programTimeoutMs: 'number', memoryLimitMb: 'number' });
  // Version 3: the bug's witness, which grouping and the report read.
  if (record.witness != null) {
    expectFields(file, 'pymem finding', 'witness.', record.witness, {
      program: 'string', invariant: 'string', message: 'string', step: 'number', line: 'number', evaluations: 'number',
    });
  }
  checkProgramLoads(file, text, record.program);
  return record;
}

/** Each problem as `FILE:LINE:COL` of the finding file, then where it is in the program and what it is. */
function checkProgramLoads(file: string, json: string, program: string): void {
  const { problems } = programProblems(program);
  if (problems.length === 0) return;
  const lineStarts = [0];
  for (let i = program.indexOf('\n'); i >= 0; i = program.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  throw UsageError.inFile(problems.map(({ line, col, message }) => {
    const where = jsonFieldPosition(json, 'program', (lineStarts[line - 1] ?? 0) + col - 1) ?? '1:1';
    return `${file}:${where}: in its "program", line ${line} column ${col}: ${message} (was the finding edited?)`;
  }));
}

export function findingExists(campaignDir: string, signature: string): boolean {
  return existsSync(findingFile(campaignDir, signature));
}

/** Every finding of a campaign directory, by signature; a file that is not a finding is an error. */
export function readFindings(campaignDir: string): FindingRecord[] {
  const dir = findingsDir(campaignDir);
  if (!existsSync(dir)) return [];
  const records: FindingRecord[] = [];
  for (const name of listDirectory(dir, 'the findings folder').sort()) {
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
