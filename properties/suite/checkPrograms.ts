/*
 * One property of the suite: generated programs (a generator profile) agree in lockstep. Runs under the
 * suite profile's budget, always prints its seed, and on failure searches a little further
 * (searchFailures.ts), shrinks every failure found and keeps the smallest per invariant
 * (properties/shrink/), saves each in the failure database, and fails with the first failure's
 * invariant, its smallest program as Python and the commands that replay it.
 */
import { isAbsolute, relative } from 'node:path';
import type { Program } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import type { CreateEngine } from '../../contract/engine.js';
import { contractLevelOf, type ContractLevel } from '../../contract/declaration.js';
import { pluginPathOf } from '../../contract/loadPlugin.js';
import { programArbitrary, type GeneratorProfile } from '../generators/programArbitrary.js';
import { describeDivergence } from '../lockstep/divergence.js';
import { runLockstep, type LockstepResult } from '../lockstep/lockstep.js';
import { smallestPerInvariant } from '../shrink/smallestCounterexample.js';
import { saveFailure } from './failureDatabase.js';
import { suiteProfile, type SuiteProfile } from './profile.js';
import { searchFailures } from './searchFailures.js';

export interface PropertyRun {
  title: string;
  runs: number;
  steps: number;
  interrupted: boolean;
  profile: SuiteProfile;
}

export interface CheckOptions {
  generator?: GeneratorProfile;
  /** The engine under test. */
  createEngine: CreateEngine;
  /** Called with every lockstep result (statistics). */
  onRun?: (program: Program, result: LockstepResult) => void;
  /** The test file to name in the replay command (default: "rerun the test"). */
  testFile?: string;
  profile?: SuiteProfile;
  /** Where to save shrunk failures (default: pymem's own failure database); `false`: nowhere. */
  saveTo?: string | false;
  /** The contract level (default: the engine's declared one, else cpython; docs/contract-levels.md). */
  contract?: ContractLevel;
}

export function checkPrograms(title: string, options: CheckOptions): PropertyRun {
  const profile = options.profile ?? suiteProfile();
  const lockstep = (p: Program) => runLockstep(p, options.createEngine, { contract: options.contract });
  let steps = 0;
  const search = searchFailures(
    programArbitrary(options.generator),
    (p) => {
      const result = lockstep(p);
      steps += result.steps;
      options.onRun?.(p, result);
      return result.divergence;
    },
    { seed: profile.seed, path: profile.path, numRuns: profile.numRuns, timeLimitMs: profile.timeLimitMs },
  );
  const run = { title, runs: search.runs, steps, interrupted: search.interrupted, profile };
  const level = contractLevelOf(options.createEngine, options.contract);
  // Fewer programs than asked for, silently, would read as a pass of the whole budget.
  const cut = search.interrupted ? `, stopped by the time limit (${profile.timeLimitMs} ms)` : '';
  console.log(`[pymem] ${title}: contract ${level}, profile ${profile.name}, seed ${profile.seed}, ${run.runs} programs, ${steps} statements${cut}`);
  const first = search.failures[0] ?? search.crash;
  if (!first) return run;

  const rerun = options.testFile ? `npx vitest run ${options.testFile}` : '(rerun the test)';
  const replay = `  PYMEM_SEED=${profile.seed} PYMEM_PATH="${first.run}" ${rerun}`;
  const crash = search.crash ? describeError(search.crash.error) : crashOf(() => lockstep(first.program));
  if (crash) {
    throw new Error([`${title}: the engine crashed: ${crash}`, '', printProgram(first.program).trimEnd(), '', 'replay:', replay].join('\n'));
  }
  const smallest = smallestPerInvariant(search.failures.map((f) => f.program), (p) => {
    try {
      return lockstep(p).divergence;
    } catch {
      return null; // a crash is not the failure being shrunk
    }
  });
  const origin = `contract ${level}, seed ${profile.seed}, path ${first.run}, ${first.program.statements.length} statements before shrinking`;
  const { saveTo } = options;
  // Without --impl, `pymem check` would check pymem's own implementation, which passes; without
  // --contract, it would hold the plug-in to the level it declares rather than the one that failed.
  const plugin = pluginPathOf(options.createEngine);
  const checkFlags = `${plugin ? ` --impl ${commandLinePath(plugin)}` : ''} --contract ${level}`;
  const saved = new Map(saveTo === false ? [] : [...smallest].map(([invariant, shrunk]) => [invariant, saveFailure(shrunk.program, shrunk.divergence, origin, saveTo, checkFlags)]));
  const invariant = search.failures[0].divergence.invariant;
  const shrunk = smallest.get(invariant);
  if (!shrunk) throw new Error([`${title}: a flaky failure: ${describeDivergence(search.failures[0].divergence)}`, '', printProgram(first.program).trimEnd(), '', 'replay:', replay].join('\n'));
  const others = [...saved].filter(([name]) => name !== invariant).map(([name, file]) => `  ${name}: ${file}`);
  throw new Error(
    [
      `${title}: ${describeDivergence(shrunk.divergence)}`,
      '',
      printProgram(shrunk.program).trimEnd(),
      '',
      `the smallest of ${search.failures.length} failing programs (the first had ${first.program.statements.length} statements), ` +
        `shrunk to ${shrunk.program.statements.length}${saved.has(invariant) ? `, saved as ${saved.get(invariant)}` : ' (not saved)'}`,
      ...(others.length > 0 ? ['other invariants broken on the way, saved as:', ...others] : []),
      ...(saved.has(invariant) ? ['replay the program:', `  npx pymem check ${saved.get(invariant)}${checkFlags}`] : []),
      'replay the first generated case:',
      replay,
    ].join('\n'),
  );
}

/** A module path as a command run from the working directory names it: relative when below it. */
function commandLinePath(absolute: string): string {
  const path = relative(process.cwd(), absolute);
  return path === '' || path.startsWith('..') || isAbsolute(path) ? absolute : `./${path}`;
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function crashOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    return describeError(e);
  }
}
