/*
 * Checking an engine from a test: the property "generated programs agree in lockstep with the model",
 * run with a budget, a seed and a failure database, throwing an Error whose message is the shrunk
 * program as Python — so that one call inside any test runner (vitest, jest, node:test, mocha) checks a
 * memory manager the way pymem's own suite checks its implementation.
 *
 * The failure database (Hypothesis's example database) is a folder in the user's repository: every
 * failure found is saved there, shrunk, as a program file, and every run replays that folder first, so a
 * bug found once keeps failing until it is fixed, on every machine that has the folder (commit it, or
 * cache it in CI). Replay a reported generated case with PYMEM_SEED and PYMEM_PATH, as the message says.
 *
 * The engine is held to one contract level (docs/contract-levels.md): the one asked for, else the one
 * the plug-in declares, else cpython. A factory of the wrong shape (no `execute`, a malformed
 * declaration…) is a UsageError before any program runs (contract/loadPlugin.ts's validateEngineFactory).
 */
import type { CreateEngine } from '../../contract/engine.js';
import { declarationOf, type ContractLevel } from '../../contract/declaration.js';
import { validateEngineFactory } from '../../contract/loadPlugin.js';
import { loadProgram } from '../../language/load.js';
import type { GeneratorProfile } from '../generators/programArbitrary.js';
import { describeDivergence } from '../lockstep/divergence.js';
import { runLockstep } from '../lockstep/lockstep.js';
import { checkPrograms } from './checkPrograms.js';
import { savedFailures } from './failureDatabase.js';
import { suiteProfile } from './profile.js';

export const DEFAULT_FAILURE_DATABASE = '.pymem/failures';
export const DEFAULT_RUNS = 300;

export interface EngineCheckOptions {
  /** Generated programs to check (default 300; PYMEM_RUNS overrides). */
  numRuns?: number;
  /** fast-check's seed (default a fixed one; PYMEM_SEED overrides, and the seed is always printed). */
  seed?: number;
  /** What the generator draws: statement kinds, maximum length, allocator geometries. */
  generator?: GeneratorProfile;
  /**
   * The failure database folder, relative to the working directory (default `.pymem/failures`); `false`
   * saves nothing and replays nothing.
   */
  failureDatabase?: string | false;
  /** A time budget in milliseconds, below your test runner's timeout (default 45 000; PYMEM_TIME overrides). */
  timeLimitMs?: number;
  /** The name printed with the seed and in failure messages (default "engine"). */
  title?: string;
  /** The test file, named in the replay command of a failure message. */
  testFile?: string;
  /**
   * The contract level to hold the engine to (docs/contract-levels.md): `reachability`, `refcount` or
   * `cpython`. Default: the level the plug-in declares (its `pymem` export, carried by `loadPlugin`'s
   * factory, or the engine's own `pymem` property), else `cpython`.
   */
  contract?: ContractLevel;
}

export interface EngineCheckResult {
  /** Saved failures replayed before generating. */
  replayed: number;
  /** Generated programs checked. */
  programs: number;
  /** Statements executed in lockstep by the generated programs. */
  statements: number;
  seed: number;
  /** The contract level the programs were checked at. */
  contract: ContractLevel;
}

/** Throws an Error naming the invariant, with the shrunk program, if `createEngine`'s engine disagrees with the model. */
export function checkEngine(createEngine: CreateEngine, options: EngineCheckOptions = {}): EngineCheckResult {
  const title = options.title ?? 'engine';
  // A factory of the wrong shape is the caller's mistake, said before any program runs.
  const ownDeclaration = validateEngineFactory(createEngine, title, declarationOf(createEngine));
  const contract = options.contract ?? declarationOf(createEngine)?.contract ?? ownDeclaration?.contract ?? 'cpython';
  const database = options.failureDatabase === undefined ? DEFAULT_FAILURE_DATABASE : options.failureDatabase;
  const replayed = database === false ? 0 : replayDatabase(createEngine, database, title, contract);
  const base = suiteProfile();
  const env = process.env;
  const profile = {
    ...base,
    seed: env.PYMEM_SEED ? base.seed : (options.seed ?? base.seed),
    numRuns: env.PYMEM_RUNS ? base.numRuns : (options.numRuns ?? DEFAULT_RUNS),
    timeLimitMs: env.PYMEM_TIME ? base.timeLimitMs : (options.timeLimitMs ?? base.timeLimitMs),
  };
  const run = checkPrograms(title, {
    createEngine, generator: options.generator, profile, testFile: options.testFile, saveTo: database, contract,
  });
  return { replayed, programs: run.runs, statements: run.steps, seed: profile.seed, contract };
}

function replayDatabase(createEngine: CreateEngine, dir: string, title: string, contract: ContractLevel): number {
  const saved = savedFailures(dir);
  for (const { file, text } of saved) {
    const loaded = loadProgram(text, file);
    if (!loaded.ok) throw new Error(`${title}: the failure database holds an invalid program:\n${loaded.messages.join('\n')}`);
    const d = runLockstep(loaded.program, createEngine, { contract }).divergence;
    if (d) throw new Error(`${title}: a saved failure still fails: ${describeDivergence(d)}\n\n${text.trimEnd()}\n\nsaved as ${file}`);
  }
  return saved.length;
}
