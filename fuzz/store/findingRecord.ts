/*
 * A finding as saved in `findings/<signature>.json` (docs/campaign.md#findings): what failed (kind,
 * invariant, message, step, objects), where it came from (campaign seed, shard, index, fresh or mutant,
 * the engine, the CPython version profile), the program as text with its original size, its traces,
 * how it was confirmed, and the versions. The program's header carries the profile too, so `pymem
 * replay` runs it under the profile it failed under.
 *
 * A finding is saved before it is shrunk (status `unshrunk`, program = the failing program as found)
 * and rewritten when the shrinker is done (`shrunk`, or `flaky` when a replay did not fail the same
 * way). Hangs and workers that died are kept as found (`as-found`): neither can be re-run in-process.
 *
 * The signature — the label (invariant, or `hang` / `crash`) and a hash of the label and the program
 * text — names the file, so a failure shrinking to a program already on file is the same finding:
 * its index joins `indices` instead of adding a file. No wall-clock time is recorded: the same seed
 * gives byte-identical findings.
 *
 * Version 2 adds `bug`, the key of the bug the finding is a variant of (properties/suite/bugKey.ts;
 * bugGroups.ts groups by it). Version 3 adds `witness`, the bug's witness (properties/shrink/witness.ts):
 * the canonical program that fails at all, shrunk from the finding's own; a shrunk divergence's `bug` is
 * then the key of the witness's failure, not of its own (`bugOfFinding`). Findings of every version are
 * read: a version-2 `bug` as stored (the key of its own failure), a version-1 key computed when grouped.
 */
import { bugKey, statementRole } from '../../properties/suite/bugKey.js';
import { loadProgram } from '../../language/load.js';
import type { TraceLine } from '../../contract/trace.js';
import type { EngineChoice } from '../protocol/engineChoice.js';
import type { ContractLevel } from '../../contract/declaration.js';
import { contentHash } from './hash.js';
import type { Origin, Shard } from '../programs/programSource.js';
import type { Failure, Witness } from '../protocol/protocol.js';
import type { Versions } from './versions.js';
import type { CPythonVersion } from '../../language/ast.js';

export const FINDING_FORMAT = 'pymem-finding';
export const FINDING_VERSION = 3;

export type FindingStatus = 'unshrunk' | 'shrunk' | 'flaky' | 'as-found';

/** A finding is the failure as its worker reported it (kind, invariant, message, step, line, objects), and: */
export interface FindingRecord extends Omit<Failure, 'killedWorker'> {
  format: typeof FINDING_FORMAT;
  /** 1: before `bug`; 2: with it; 3: with `witness`. */
  version: 1 | 2 | 3;
  signature: string;
  /** The bug this finding is a variant of (properties/suite/bugKey.ts): its witness's key, if it has one; absent in version 1. */
  bug?: string;
  /** The bug's witness, shrunk from `program`; absent before version 3, and for a finding not shrunk, flaky, a crash or a hang. */
  witness?: Witness;
  status: FindingStatus;
  seed: string;
  shard: Shard;
  /** The index of the program that first failed this way. */
  index: number;
  origin: Origin;
  /** Every campaign index whose failing program led to this finding, ascending. */
  indices: number[];
  /** A plug-in's path is relative to the campaign directory, with its SHA-256 (engineChoice.ts). */
  engine: EngineChoice;
  /** The contract level the finding was checked at; absent in older findings: cpython. */
  contract?: ContractLevel;
  /** The campaign's version profile (also in the program's header: `# pymem: cpython=3.12`). */
  cpython?: CPythonVersion;
  /** The campaign's limits, which `pymem replay` applies to a hang or a dead worker. */
  limits: { programTimeoutMs: number; memoryLimitMb: number };
  /** The shrunk program (the failing program as found, until it is shrunk). */
  program: string;
  size: number;
  originalProgram: string;
  originalSize: number;
  evaluations: number;
  replays: { runs: number; reproduced: number } | null;
  trace: { model: TraceLine[]; implementation: TraceLine[] } | null;
  versions: Versions;
}

export function failureLabel(failure: Pick<Failure, 'kind' | 'invariant'>): string {
  return failure.invariant ?? failure.kind;
}

export function findingSignature(failure: Pick<Failure, 'kind' | 'invariant'>, program: string): string {
  const label = failureLabel(failure);
  return `${label}-${contentHash(`${label}\n${program}`)}`;
}

export function statementCount(program: string): number {
  return program.split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#')).length;
}

/** The bug key of a failure of `program` (its text): the role of the statement it failed at is read off the program. */
export function bugOfFailure(failure: Pick<Failure, 'kind' | 'invariant' | 'message' | 'step'>, program: string): string {
  const loaded = loadProgram(program, 'finding');
  const statements = loaded.ok ? loaded.program.statements : [];
  return bugKey({ kind: failure.kind, invariant: failure.invariant, message: failure.message, role: statementRole(statements, failure.step) });
}

/** The bug key of a finding: its witness's failure when it has a witness, else its own failure. */
export function bugOfFinding(failure: Pick<Failure, 'kind' | 'invariant' | 'message' | 'step'>, program: string, witness: Witness | null | undefined): string {
  return witness ? bugOfFailure({ kind: 'divergence', ...witness }, witness.program) : bugOfFailure(failure, program);
}

/** A record's bug key: as stored (version 2 and later), else computed from the record. */
export function bugOfRecord(record: FindingRecord): string {
  return record.bug ?? bugOfFinding(record, record.program, record.witness);
}

export { replayCommand } from './replayHints.js';
