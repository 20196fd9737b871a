/*
 * Findings grouped by bug, for the report's "findings grouped by bug" and its count of distinct bugs
 * over time. A campaign can save several findings of one bug (the 1st, 2nd, 4th … failure of a label
 * each shrunk on its own, to different programs); a reader wants one entry per bug, its simplest
 * program first.
 *
 * This minimal grouping puts together the findings of one kind that break the same invariant (hangs
 * and crashes by kind alone). It is the interface a finer grouping (by the canonical shrunk program)
 * replaces without its callers changing.
 */
import { type FindingRecord, failureLabel } from './findingRecord.js';

export interface BugGroup {
  key: string;
  label: string;
  /** the simplest finding's signature */
  representative: string;
  findings: FindingRecord[];
}

/** Simplest first: fewest statements, then the shortest program text, then the signature. */
function simpler(a: FindingRecord, b: FindingRecord): number {
  return a.size - b.size || a.program.length - b.program.length || a.signature.localeCompare(b.signature);
}

export function groupFindings(findings: readonly FindingRecord[]): BugGroup[] {
  const groups = new Map<string, FindingRecord[]>();
  for (const f of findings) {
    const key = `${f.kind}:${f.invariant ?? ''}`;
    const members = groups.get(key);
    if (members) members.push(f);
    else groups.set(key, [f]);
  }
  return [...groups].map(([key, members]) => {
    const sorted = [...members].sort(simpler);
    return { key, label: failureLabel(sorted[0]), representative: sorted[0].signature, findings: sorted };
  }).sort((a, b) => a.label.localeCompare(b.label));
}
