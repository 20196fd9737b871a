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
 */
import type { Invariant } from '../../properties/invariants/catalogue.js';
import type { TraceLine } from '../../contract/trace.js';
import type { EngineChoice } from '../protocol/engineChoice.js';
import type { ContractLevel } from '../../contract/declaration.js';
import { contentHash } from './hash.js';
import type { Origin, Shard } from '../programs/programSource.js';
import type { Failure } from '../protocol/protocol.js';
import type { Versions } from './versions.js';
import type { CPythonVersion } from '../../language/ast.js';

export const FINDING_FORMAT = 'pymem-finding';

export type FindingStatus = 'unshrunk' | 'shrunk' | 'flaky' | 'as-found';

export interface FindingRecord {
  format: typeof FINDING_FORMAT;
  version: 1;
  signature: string;
  kind: Failure['kind'];
  status: FindingStatus;
  invariant: Invariant | null;
  message: string;
  step: number;
  line: number;
  objects: number[];
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

export function replayCommand(file: string): string {
  return `npx pymem replay ${file}`;
}
