/*
 * Findings grouped into bugs (docs/campaign.md, "One bug, one finding"). A finding is one shrunk
 * program; a bug is every finding that fails the same way — the same invariant, the same first
 * diverging observation with numbers, ids and addresses masked, at a statement of the same role
 * (properties/suite/bugKey.ts) — the way Hypothesis reports one failure per origin. The canonical
 * shrinker brings most routes to one bug to one program; the groups catch the routes it could not
 * bring together, so that a reader sees one bug with its variants listed underneath.
 *
 * Within a bug the findings are ordered simplest first (a shrunk finding before one that is not, then
 * the shrink order of properties/shrink/programOrder.ts, then the signature): the first is the
 * representative. Bugs are ordered by their representatives the same way. Deterministic: the same
 * findings give the same groups in the same order, whatever order they are given in.
 */
import type { Program } from '../../language/ast.js';
import { loadProgram } from '../../language/load.js';
import { compareSimplicity } from '../../properties/shrink/programOrder.js';
import { bugOfRecord, type FindingRecord } from './findingRecord.js';

export interface BugGroup {
  key: string;
  label: string;
  /** the simplest finding's signature */
  representative: string;
  findings: FindingRecord[];
}

/** What campaign.json keeps of a bug: the findings by signature. */
export interface BugSummary {
  key: string;
  label: string;
  representative: string;
  findings: string[];
}

const STATUS_RANK = { shrunk: 0, flaky: 1, 'as-found': 2, unshrunk: 3 } as const;

function parsed(record: FindingRecord): Program | null {
  const loaded = loadProgram(record.program, record.signature);
  return loaded.ok ? loaded.program : null;
}

/** Simplest first: shrunk before the rest, then the shrink order of the programs, then the signature. */
export function compareFindings(a: FindingRecord, b: FindingRecord): number {
  const status = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (status !== 0) return status;
  const pa = parsed(a);
  const pb = parsed(b);
  if (pa && pb) {
    const order = compareSimplicity(pa, pb);
    if (order !== 0) return order;
  } else if (pa || pb) {
    return pa ? -1 : 1;
  }
  return a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0;
}

export function groupFindings(findings: readonly FindingRecord[]): BugGroup[] {
  const byKey = new Map<string, FindingRecord[]>();
  for (const f of findings) {
    const key = bugOfRecord(f);
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const groups = [...byKey.entries()].map(([key, members]) => {
    const sorted = [...members].sort(compareFindings);
    return { key, label: key, representative: sorted[0].signature, findings: sorted };
  });
  return groups.sort((a, b) => compareFindings(a.findings[0], b.findings[0]));
}

export function bugSummaries(findings: readonly FindingRecord[]): BugSummary[] {
  return groupFindings(findings).map((g) => ({ key: g.key, label: g.label, representative: g.representative, findings: g.findings.map((f) => f.signature) }));
}
