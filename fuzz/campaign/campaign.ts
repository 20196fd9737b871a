/*
 * Starting a campaign: a new directory or a resumed one, the engine checked once in the coordinator
 * (a plug-in that does not load is a usage error before anything is written), campaign.json written
 * before the first program runs (so even a campaign killed at once can be resumed), SIGINT and SIGTERM
 * turned into a clean stop (a scheduler preempting a shard sends SIGTERM).
 */
import { DEFAULT_MAX_STATEMENTS } from '../../properties/generators/programFromSeed.js';
import type { Io } from '../../io/output.js';
import { UsageError } from '../../io/usageError.js';
import { writeJsonAtomically } from '../../io/atomicFiles.js';
import { campaignFile, checkNewCampaignDirectory, createCampaignDirectory, prepareForResume, readForResume } from '../store/campaignDirectory.js';
import { CAMPAIGN_FORMAT, type CampaignSettings, type CampaignState, newCounters } from '../store/campaignState.js';
import { Coordinator, type CampaignOutcome } from './coordinator.js';
import { describeEngine, type EngineChoice, type EngineLoader } from '../protocol/engineChoice.js';
import { EPOCH_SIZE, FRESH_SHARE, type Shard } from '../programs/programSource.js';
import { versions } from '../store/versions.js';
import { DEFAULT_CPYTHON, type CPythonVersion } from '../../language/ast.js';

export const DEFAULT_SEED = '1';
export const DEFAULT_PROGRAM_TIMEOUT_MS = 10_000;
export const DEFAULT_MEMORY_LIMIT_MB = 2048;

export interface CampaignRequest {
  dir: string;
  resume: boolean;
  /** For a new campaign; on --resume, given values must match the campaign's. */
  seed?: string;
  shard?: Shard;
  engine?: EngineChoice;
  /** The CPython version profile the programs run under (`--cpython`; a new campaign's default: 3.11). */
  cpython?: CPythonVersion;
  programTimeoutMs?: number;
  memoryLimitMb?: number;
  timeMs: number;
  runs: number | null;
  workers: number;
  io: Io;
  tty: boolean;
  /** How engines load, here and in the workers. */
  engines: EngineLoader;
}

export async function runCampaign(request: CampaignRequest): Promise<CampaignOutcome> {
  // Every check — flags, files, the engine loading — comes before anything is written.
  const resumed = request.resume ? checkResume(request) : null;
  if (!resumed) checkNewCampaignDirectory(request.dir);
  const engine = resumed?.state.engine ?? request.engine ?? { kind: 'builtin' };
  await request.engines.load(engine);
  const { state, corpus, findings } = resumed ? prepareForResume(request.dir, resumed) : newCampaign(request, engine);
  writeJsonAtomically(campaignFile(request.dir), state);
  const { io } = request;
  const time = request.timeMs === Infinity ? '' : ` for ${Math.round(request.timeMs / 1000)} s`;
  io.out(`pymem fuzz: ${request.resume ? 'continuing the' : 'new'} campaign in ${request.dir}, seed ${state.seed}, shard ` +
    `${state.shard.index}/${state.shard.count}, ${request.workers} worker${request.workers === 1 ? '' : 's'}, ` +
    `${describeEngine(state.engine)}, CPython ${state.cpython}${time}\n`);
  const coordinator = new Coordinator({
    dir: request.dir, state, corpus, findings, workers: request.workers, timeMs: request.timeMs, runs: request.runs, io, tty: request.tty, engines: request.engines,
  });
  const stop = () => coordinator.interrupt();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    return await coordinator.run();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function newCampaign(request: CampaignRequest, engine: EngineChoice) {
  createCampaignDirectory(request.dir);
  const settings: CampaignSettings = {
    maxStatements: DEFAULT_MAX_STATEMENTS, programTimeoutMs: request.programTimeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS,
    memoryLimitMb: request.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB, epochSize: EPOCH_SIZE, freshShare: FRESH_SHARE,
  };
  const now = new Date().toISOString();
  const state: CampaignState = {
    format: CAMPAIGN_FORMAT, version: 1, seed: request.seed ?? DEFAULT_SEED, shard: request.shard ?? { index: 0, count: 1 },
    engine, cpython: request.cpython ?? DEFAULT_CPYTHON, settings, versions: versions(), nextOrdinal: 0, counters: newCounters(),
    failuresByLabel: {}, featuresByOrigin: { fresh: 0, mutant: 0 }, kinds: {}, events: {}, startedAt: now, updatedAt: now,
  };
  return { state, corpus: [], findings: [] };
}

function checkResume(request: CampaignRequest) {
  const resumed = readForResume(request.dir);
  const { state } = resumed;
  const differs = (flag: string, given: unknown, stored: unknown, show: (v: never) => string = (v) => JSON.stringify(v)) => {
    if (given !== undefined && JSON.stringify(given) !== JSON.stringify(stored)) {
      throw new UsageError([
        `${flag}: ${request.dir} holds a campaign with ${show(stored as never)}, not ${show(given as never)};`,
        `leave ${flag} out to continue that campaign, or give another --out for a new one`,
      ]);
    }
  };
  differs('--seed', request.seed, state.seed, (s: string) => `seed ${s}`);
  differs('--shard', request.shard, state.shard, (s: Shard) => `shard ${s.index}/${s.count}`);
  differs('--cpython', request.cpython, state.cpython, (v: string) => `CPython ${v}`);
  differs(request.engine?.kind === 'canary' ? '--canary' : '--impl', request.engine, state.engine, describeEngine);
  differs('--timeout', request.programTimeoutMs, state.settings.programTimeoutMs, (ms: number) => `a ${ms / 1000} s time limit`);
  differs('--memory-limit', request.memoryLimitMb, state.settings.memoryLimitMb, (mb: number) => `a ${mb} MB memory limit`);
  if (state.settings.epochSize !== EPOCH_SIZE) {
    throw new UsageError([`--resume: ${request.dir} was made with epoch size ${state.settings.epochSize}; this pymem uses ${EPOCH_SIZE}`]);
  }
  state.versions = versions();
  return resumed;
}
