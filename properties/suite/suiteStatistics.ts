/*
 * The statistics of one suite file's runs: what the generated programs exercised. Collected through the
 * `onRun` hook of checkPrograms and printed after the file's properties (vitest afterAll).
 */
import type { Program } from '../../model/language/ast.js';
import type { LockstepResult } from '../lockstep/lockstep.js';

const statementKinds = new Map<string, number>();
const collections = new Map<string, number>();

export function recordRun(program: Program, result: LockstepResult): void {
  for (const s of program.statements) statementKinds.set(s.kind, (statementKinds.get(s.kind) ?? 0) + 1);
  for (const line of result.modelTrace) {
    for (const c of line.collections) collections.set(`gen${c.generation}`, (collections.get(`gen${c.generation}`) ?? 0) + 1);
  }
}

export function suiteStatisticsReport(): string {
  const table = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${k.padEnd(18)} ${n}`).join('\n');
  return `statement kinds:\n${table(statementKinds)}\ncollections:\n${table(collections)}`;
}
