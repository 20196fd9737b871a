/*
 * What `pymem fuzz`, `pymem merge` and `pymem replay` print about findings, as text.
 *
 * The end of a campaign lists *bugs*, not findings (docs/campaign.md, "One bug, one finding"): each bug
 * (store/bugGroups.ts) with its representative — the simplest finding — shown as its program, the
 * commands that replay it and run it in CPython, the bug's witness when no finding's program is it, and
 * its other findings underneath as variants, one line each with its invariant. A finding still waiting for the shrinker (the time ran out) says how to get it shrunk.
 * Addresses are in hex, ids in decimal (properties/lockstep/divergence.ts's formatObjects).
 */
import { failureWhere, formatObjects } from '../../properties/lockstep/divergence.js';
import type { Failure } from '../protocol/protocol.js';
import { groupFindings, witnessShownApart } from '../store/bugGroups.js';
import { findingFile } from '../store/findingStore.js';
import type { FindingRecord } from '../store/findingRecord.js';
import { cpythonCommand, replayCommand } from '../store/replayHints.js';

/** One failure in words: the invariant, where, the message, and the objects or blocks it is about. */
export function describeFailure(f: Pick<Failure, 'kind' | 'invariant' | 'step' | 'line' | 'message' | 'objects' | 'addresses'>): string {
  if (f.kind !== 'divergence') return `${f.kind}: ${f.message}`;
  return `${f.invariant} ${failureWhere(f.step, f.line)}: ${f.message}${formatObjects(f.objects, f.addresses)}`;
}

export function describeFinding(f: FindingRecord): string {
  const size = f.status === 'shrunk' ? `${f.size} statements (from ${f.originalSize})` : `${f.size} statements`;
  const seen = f.indices.length > 1 ? `, ${f.indices.length} programs` : '';
  const cpython = f.cpython && f.cpython !== '3.11' ? `, CPython ${f.cpython}` : '';
  return `${f.signature}: ${f.kind === 'divergence' ? f.invariant : f.kind}, ${f.status}, ${size}${seen}${cpython}`;
}

/** Why a finding is not shrunk yet, and what shrinks it; null when it is (or cannot be). */
function pendingNote(dir: string, f: FindingRecord): string | null {
  return f.status === 'unshrunk' ? `not shrunk yet (the campaign stopped first): npx pymem fuzz --out ${dir} --resume shrinks it` : null;
}

/** The findings of `dir` as bugs, each with its program, its commands and its variants. */
export function describeBugs(dir: string, findings: readonly FindingRecord[]): string {
  const groups = groupFindings(findings);
  if (groups.length === 0) return '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [`${plural(groups.length, 'bug')} (${plural(findings.length, 'finding')}):`];
  groups.forEach((g, k) => {
    const [first, ...variants] = g.findings;
    const file = findingFile(dir, first.signature);
    lines.push(`  bug ${k + 1}: ${g.key}`, `    ${describeFinding(first)}`);
    for (const line of first.program.trimEnd().split('\n')) lines.push(`      ${line}`);
    const pending = pendingNote(dir, first);
    if (pending) lines.push(`    ${pending}`);
    lines.push(`    replay: ${replayCommand(file)}`, `    in CPython: ${cpythonCommand(file, undefined, first.cpython)}`);
    const witness = witnessShownApart(g);
    if (witness) {
      lines.push(`    witness, the simplest program that fails this way (${witness.invariant}: ${witness.message}):`);
      for (const line of witness.program.trimEnd().split('\n')) lines.push(`      ${line}`);
    }
    if (variants.length > 0) {
      lines.push(`    ${plural(variants.length, 'variant')}:`);
      for (const v of variants) lines.push(`      ${describeFinding(v)}${v.status === 'unshrunk' ? ' (not shrunk yet: --resume shrinks it)' : ''}`);
    }
  });
  return lines.join('\n') + '\n';
}
