/*
 * `campaign.json` (docs/campaign.md#campaignjson): everything `--resume` needs — the seed, the shard,
 * the engine, the CPython version profile, the settings, the versions, the counters, the statistics,
 * and the next ordinal to run —
 * rewritten atomically at every checkpoint. Counters describe the committed programs only (ordinals
 * below `nextOrdinal`), so a resumed campaign continues exactly where the file says, whatever was in
 * flight when it was killed.
 */
import { UsageError } from '../../io/usageError.js';
import { type EngineChoice, engineChoiceProblem } from '../protocol/engineChoice.js';
import type { ContractLevel } from '../../contract/declaration.js';
import type { Shard } from '../programs/programSource.js';
import { expectFields, expectShape, readJsonFile } from '../../io/readJsonFile.js';
import type { Versions } from './versions.js';
import { DEFAULT_CPYTHON, isCPythonVersion, type CPythonVersion } from '../../language/ast.js';
import type { BugSummary } from './bugGroups.js';

export const CAMPAIGN_FORMAT = 'pymem-campaign';

export interface CampaignSettings {
  maxStatements: number;
  programTimeoutMs: number;
  memoryLimitMb: number;
  epochSize: number;
  freshShare: number;
}

export interface Counters {
  programs: number;
  statements: number;
  /** Statements executed including each program's teardown. */
  steps: number;
  fresh: number;
  mutants: number;
  failures: number;
  hangs: number;
  crashes: number;
  elapsedMs: number;
  sessions: number;
}

export interface CampaignState {
  format: typeof CAMPAIGN_FORMAT;
  version: 1;
  seed: string;
  shard: Shard;
  /** A plug-in's path is relative to the campaign directory (engineChoice.ts's storedModuleChoice). */
  engine: EngineChoice;
  /** The contract level the campaign checks (docs/contract-levels.md); absent in older files: cpython. */
  contract?: ContractLevel;
  /** The version profile every program runs under (`--cpython`; a file from before profiles: 3.11). */
  cpython: CPythonVersion;
  settings: CampaignSettings;
  versions: Versions;
  nextOrdinal: number;
  /** The index of the program at nextOrdinal (shard index + nextOrdinal × shard count), for people reading the file. */
  nextIndex?: number;
  counters: Counters;
  /** Failing programs per label (invariant, `hang`, `crash`): decides which are shrunk (1st, 2nd, 4th, …). */
  failuresByLabel: Record<string, number>;
  /** New features found by fresh programs and by mutants. */
  featuresByOrigin: { fresh: number; mutant: number };
  kinds: Record<string, number>;
  events: Record<string, number>;
  /** The engine's event counters (EngineUnderTest.features), summed over the programs that passed. */
  engineCounters?: Record<string, number>;
  /** The findings grouped into bugs (bugGroups.ts), simplest bug first; rewritten whenever a finding is. */
  bugs?: BugSummary[];
  /** Set on a directory made by `pymem merge`: it cannot be resumed. */
  mergedFrom?: Array<{ dir: string; seed: string; shard: Shard }>;
  startedAt: string;
  updatedAt: string;
}

export function newCounters(): Counters {
  return { programs: 0, statements: 0, steps: 0, fresh: 0, mutants: 0, failures: 0, hangs: 0, crashes: 0, elapsedMs: 0, sessions: 0 };
}

export function readCampaignState(file: string): CampaignState {
  const state = expectShape<CampaignState>(file, 'pymem campaign file', readJsonFile(file, 'pymem campaign file'), CAMPAIGN_FORMAT, {
    seed: 'string', shard: 'object', engine: 'object', settings: 'object', versions: 'object', nextOrdinal: 'number',
    counters: 'object', failuresByLabel: 'object', featuresByOrigin: 'object', kinds: 'object', events: 'object',
    startedAt: 'string', updatedAt: 'string',
  });
  if (!Number.isSafeInteger(state.nextOrdinal) || state.nextOrdinal < 0) {
    throw new UsageError([`${file}: corrupt pymem campaign file: field "nextOrdinal" should be a whole number, found ${state.nextOrdinal}`]);
  }
  const counters = state.counters as unknown as Record<string, unknown>;
  for (const key of Object.keys(newCounters())) {
    if (typeof counters[key] !== 'number') throw new UsageError([`${file}: corrupt pymem campaign file: counter "${key}" is missing`]);
  }
  const what = 'pymem campaign file';
  expectFields(file, what, 'featuresByOrigin.', state.featuresByOrigin, { fresh: 'number', mutant: 'number' });
  expectFields(file, what, 'settings.', state.settings, {
    maxStatements: 'number', programTimeoutMs: 'number', memoryLimitMb: 'number', epochSize: 'number', freshShare: 'number',
  });
  const engine = engineChoiceProblem(state.engine);
  if (engine) throw new UsageError([`${file}: corrupt ${what}: field "engine" is ${engine}`]);
  if (state.cpython === undefined) state.cpython = DEFAULT_CPYTHON;
  if (!isCPythonVersion(state.cpython)) throw new UsageError([`${file}: corrupt ${what}: unknown CPython version ${JSON.stringify(state.cpython)}`]);
  const { index, count } = state.shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new UsageError([`${file}: corrupt pymem campaign file: bad shard ${JSON.stringify(state.shard)}`]);
  }
  return state;
}
