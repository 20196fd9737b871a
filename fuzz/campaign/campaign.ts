/*
 * Starting a campaign: a new directory or a resumed one, the engine checked once in the coordinator
 * (a plug-in that does not load is a usage error before anything is written), campaign.json written
 * before the first program runs, SIGINT and SIGTERM turned into a clean stop (a scheduler preempting a
 * shard sends SIGTERM).
 *
 * A `kill -9` can come at any moment, the first one included, and --resume must then go on: after
 * campaign.json exists it continues from the last checkpoint; before, the directory holds nothing of
 * the campaign (store/campaignDirectory.ts: unstarted), and --resume starts it afresh with the flags
 * given — which ends exactly as the campaign would have, since nothing of it had been kept.
 */
import { DEFAULT_MAX_STATEMENTS } from '../../properties/generators/programFromSeed.js';
import type { Io } from '../../io/output.js';
import { UsageError } from '../../io/usageError.js';
import { writeJsonAtomically } from '../../io/atomicFiles.js';
import { campaignFile, checkNewCampaignDirectory, createCampaignDirectory, prepareForResume, readForResume } from '../store/campaignDirectory.js';
import { CAMPAIGN_FORMAT, type CampaignSettings, type CampaignState, newCounters } from '../store/campaignState.js';
import { Coordinator, type CampaignOutcome } from './coordinator.js';
import { describeEngine, engineAt, recordedPlugin, storedModuleChoice, type EngineChoice, type EngineLoader } from '../protocol/engineChoice.js';
import { contractLevelOf, type ContractLevel } from '../../contract/declaration.js';
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
  /** The contract level (`--contract`); default: the level the plug-in declares, else cpython. */
  contract?: ContractLevel;
  /** The CPython version profile the programs run under (`--cpython`; a new campaign's default: 3.11). */
  cpython?: CPythonVersion;
  programTimeoutMs?: number;
  memoryLimitMb?: number;
  timeMs: number;
  /**
   * When the user's clock started (Date.now() ms; default: when runCampaign is called). --time counts
   * from there, engine loading and worker start included; the command line passes its own start.
   */
  startedAt?: number;
  runs: number | null;
  workers: number;
  io: Io;
  tty: boolean;
  /** How engines load, here and in the workers. */
  engines: EngineLoader;
}

export async function runCampaign(request: CampaignRequest): Promise<CampaignOutcome> {
  const sessionStart = request.startedAt ?? Date.now();
  // Every check — flags, files, the engine loading — comes before anything is written.
  const resumed = request.resume ? checkResume(request) : null;
  if (!resumed) checkNewCampaignDirectory(request.dir);
  const engine = resumed ? engineAt(resumed.state.engine, request.dir) : request.engine ?? { kind: 'builtin' };
  const createEngine = await request.engines.load(engine);
  const contract = contractLevelOf(createEngine, resumed?.state.contract ?? request.contract);
  const { io } = request;
  if (request.resume && !resumed) {
    io.out(`pymem fuzz: --resume: ${request.dir} holds no checkpoint (the campaign was stopped before writing campaign.json, ` +
      'or never started): starting it afresh\n');
  }
  if (resumed) {
    const note = recordedPlugin(resumed.state.engine, request.dir).note;
    if (note) io.out(`pymem fuzz: ${note}\n`);
  }
  const { state, corpus, findings } = resumed ? prepareForResume(request.dir, resumed) : newCampaign(request, engine, contract);
  writeJsonAtomically(campaignFile(request.dir), state);
  // Whichever comes first stops the session: say both, or `--runs 300` reads as a 60-s campaign.
  const budget = [
    ...(request.timeMs === Infinity ? [] : [`for ${Math.round(request.timeMs / 1000)} s`]),
    ...(request.runs === null ? [] : [`until ${request.runs} programs in all`]),
  ];
  const time = budget.length === 0 ? '' : ` ${budget.join(' or ')}`;
  io.out(`pymem fuzz: ${resumed ? 'continuing the' : 'new'} campaign in ${request.dir}, seed ${state.seed}, shard ` +
    `${state.shard.index}/${state.shard.count}, ${request.workers} worker${request.workers === 1 ? '' : 's'}, ` +
    `${describeEngine(engine)}, contract ${state.contract ?? 'cpython'}, CPython ${state.cpython}${time}\n`);
  const coordinator = new Coordinator({
    dir: request.dir, state, corpus, findings, workers: request.workers, timeMs: request.timeMs, sessionStart, runs: request.runs, io, tty: request.tty,
    engines: request.engines,
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

function newCampaign(request: CampaignRequest, engine: EngineChoice, contract: ContractLevel) {
  createCampaignDirectory(request.dir);
  const settings: CampaignSettings = {
    maxStatements: DEFAULT_MAX_STATEMENTS, programTimeoutMs: request.programTimeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS,
    memoryLimitMb: request.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB, epochSize: EPOCH_SIZE, freshShare: FRESH_SHARE,
  };
  const now = new Date().toISOString();
  const state: CampaignState = {
    format: CAMPAIGN_FORMAT, version: 1, seed: request.seed ?? DEFAULT_SEED, shard: request.shard ?? { index: 0, count: 1 },
    engine: storedModuleChoice(engine, request.dir), contract, cpython: request.cpython ?? DEFAULT_CPYTHON, settings, versions: versions(), nextOrdinal: 0, counters: newCounters(),
    failuresByLabel: {}, featuresByOrigin: { fresh: 0, mutant: 0 }, kinds: {}, events: {}, startedAt: now, updatedAt: now,
  };
  return { state, corpus: [], findings: [] };
}

/** The campaign to continue, its flags checked against the ones given; null if there is none to continue. */
function checkResume(request: CampaignRequest) {
  const resumed = readForResume(request.dir);
  if (!resumed) return null;
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
  const stored = engineAt(state.engine, request.dir);
  const comparable = (c: EngineChoice | undefined) => (c?.kind === 'module' ? { kind: 'module', module: c.module } : c);
  differs(request.engine?.kind === 'canary' ? '--canary' : '--impl', comparable(request.engine), comparable(stored), describeEngine);
  differs('--contract', request.contract, state.contract ?? 'cpython', (level: string) => `contract ${level}`);
  differs('--cpython', request.cpython, state.cpython, (v: string) => `CPython ${v}`);
  differs('--timeout', request.programTimeoutMs, state.settings.programTimeoutMs, (ms: number) => `a ${ms / 1000} s time limit`);
  differs('--memory-limit', request.memoryLimitMb, state.settings.memoryLimitMb, (mb: number) => `a ${mb} MB memory limit`);
  if (state.settings.epochSize !== EPOCH_SIZE) {
    throw new UsageError([`--resume: ${request.dir} was made with epoch size ${state.settings.epochSize}; this pymem uses ${EPOCH_SIZE}`]);
  }
  state.versions = versions();
  return resumed;
}
