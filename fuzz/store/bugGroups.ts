/*
 * Findings grouped into bugs (docs/campaign.md, "One bug, one finding"). A finding is one shrunk
 * program; a bug is every finding whose *witness* fails the same way. The witness
 * (properties/shrink/witness.ts) is the finding's program shrunk once more accepting any failure — the
 * canonical minimal program that fails at all — so the routes and invariants under which one defect
 * shows descend to one witness, or to witnesses that fail alike: the same invariant, the same first
 * diverging observation with numbers, ids and addresses masked, at a statement of the same role
 * (properties/suite/bugKey.ts). The key is stored in each finding (`bug`); a finding without a witness
 * (not shrunk yet, flaky, a crash or a hang, or written before version 3) is keyed by its own failure.
 *
 * Within a bug the findings are ordered simplest first (a shrunk finding before one that is not, then
 * the shrink order of properties/shrink/programOrder.ts, then the signature): the first is the
 * representative. The bug's witness is the simplest of its findings' witnesses: the program that
 * describes the bug, the same text from every seed and route that reaches it. Each finding keeps its
 * own program and invariant, listed as a variant: when slippage merges two defects into one bug (the
 * witness module says when it can), the variants still show both. Bugs are ordered by their
 * representatives. Deterministic: the same findings give the same groups in the same order, whatever
 * order they are given in.
 */
import type { Program } from '../../language/ast.js';
import { loadProgram } from '../../language/load.js';
import { compareSimplicity } from '../../properties/shrink/programOrder.js';
import type { Witness } from '../protocol/protocol.js';
import { bugOfRecord, type FindingRecord } from './findingRecord.js';

export interface BugGroup {
  /** what the bug's findings share (properties/suite/bugKey.ts): its name in reports */
  key: string;
  /** the simplest finding's signature */
  representative: string;
  findings: FindingRecord[];
  /** the simplest witness of the bug's findings; null when none has one */
  witness: Witness | null;
}

/** What campaign.json keeps of a bug: the findings by signature, the witness's program. */
export interface BugSummary {
  key: string;
  representative: string;
  findings: string[];
  witness: string | null;
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
    return { key, representative: sorted[0].signature, findings: sorted, witness: simplestWitness(sorted) };
  });
  return groups.sort((a, b) => compareFindings(a.findings[0], b.findings[0]));
}

/**
 * The bug's witness where it must be shown on its own: when no finding's own program is it (otherwise
 * the representative, or the finding whose program it is, shows it already); null otherwise.
 */
export function witnessShownApart(g: BugGroup): Witness | null {
  const w = g.witness;
  return w && !g.findings.some((f) => f.program === w.program) ? w : null;
}

/** The simplest witness in the shrink order (then by text: two witnesses equal in the order are one program). */
function simplestWitness(findings: readonly FindingRecord[]): Witness | null {
  let best: { witness: Witness; program: Program } | null = null;
  for (const f of findings) {
    if (!f.witness) continue;
    const loaded = loadProgram(f.witness.program, `${f.signature} witness`);
    if (!loaded.ok) continue;
    if (!best || compareSimplicity(loaded.program, best.program) < 0) best = { witness: f.witness, program: loaded.program };
  }
  return best?.witness ?? null;
}

export function bugSummaries(findings: readonly FindingRecord[]): BugSummary[] {
  return groupFindings(findings).map((g) => ({
    key: g.key, representative: g.representative, findings: g.findings.map((f) => f.signature), witness: g.witness?.program ?? null,
  }));
}
