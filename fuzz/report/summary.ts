/*
 * One line per finding, for the end of `pymem fuzz`, `pymem merge` and the report: what broke, how big
 * the program is, whether it was confirmed, and the command that replays it.
 */
import { findingFile } from '../store/findingStore.js';
import { type FindingRecord, replayCommand } from '../store/findingRecord.js';

export function describeFinding(f: FindingRecord): string {
  const size = f.status === 'shrunk' ? `${f.size} statements (from ${f.originalSize})` : `${f.size} statements`;
  const seen = f.indices.length > 1 ? `, ${f.indices.length} programs` : '';
  const cpython = f.cpython && f.cpython !== '3.11' ? `, CPython ${f.cpython}` : '';
  return `${f.signature}: ${f.kind === 'divergence' ? f.invariant : f.kind}, ${f.status}, ${size}${seen}${cpython}`;
}

export function describeFindingLine(dir: string, f: FindingRecord): string {
  return `  ${describeFinding(f)}\n    ${f.message}\n    ${replayCommand(findingFile(dir, f.signature))}`;
}
