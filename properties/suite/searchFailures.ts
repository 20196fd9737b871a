/*
 * The search for failing programs, the suite's and the planted-bug test's alike: fast-check draws the
 * programs, pymem's shrinker (properties/shrink/) makes them small.
 *
 * Phase 1 runs generated programs from the seed until the first failure (fast-check's `endOnFailure`:
 * no shrinking by fast-check, whose template-level steps cost thousands of runs where pymem's
 * shrinker needs a few hundred). Its run index is fast-check's replay path: `{ seed, path: "<index>" }`
 * replays exactly that program.
 *
 * Phase 2 keeps searching a little (libFuzzer and Hypothesis keep looking after the first crash and
 * keep the smallest reproducer): fast-check resumes after the first failure (`path` skips the runs
 * before it without generating them) for as many programs again as phase 1 took, at least
 * MIN_EXTRA_RUNS and never past the run budget, until MAX_FAILURES failures are in hand. The same
 * bug is often reached by several routes — a pool filled with 64-byte lists, or with 456-byte raw
 * blocks — and a route that deletion alone cannot turn into another may shrink much further. So at
 * most PER_ROUTE failures are kept per route: the invariant and the message with the addresses and
 * object numbers masked (`malloc(64) returned 0x…` and `malloc(456) returned 0x…` differ, two objects
 * freed too early do not), the way crash deduplication goes by a signature, not by the input. A few
 * programs per route still help (they shrink to different local minima); a bug that fails every
 * program does not fill the budget with one route.
 *
 * A program on which the predicate throws is an engine crash: in phase 1 it is reported as such (the
 * caller replays it); in phase 2 it is skipped, being no counterexample of the failure already found.
 */
import fc from 'fast-check';
import type { Program } from '../../language/ast.js';
import type { Divergence } from '../lockstep/divergence.js';

export const MIN_EXTRA_RUNS = 100;
/** Failures collected in all, the first one included, and at most per route. */
export const MAX_FAILURES = 8;
export const PER_ROUTE = 3;

/** What a failure looks like whatever addresses and object numbers it involves: the request sizes, generations and counts (in a call, a tuple or a record) stay. */
export function routeOf(d: Divergence): string {
  return `${d.invariant}: ${d.message.replace(/0x[0-9a-f]+/g, 'A').replace(/(?<![(,:]|, )\b\d+\b/g, 'N')}`;
}

export interface FoundFailure {
  /** 0-based run index: fast-check's replay path. */
  run: number;
  program: Program;
  divergence: Divergence;
}

export interface SearchOptions {
  seed: number;
  /** fast-check's replay path: replay one reported program (no phase 2). */
  path?: string;
  numRuns: number;
  timeLimitMs: number;
}

export interface SearchResult {
  /** Programs run in both phases. */
  runs: number;
  interrupted: boolean;
  /** The failures in the order found, the first one first; empty when every program passed. */
  failures: FoundFailure[];
  /** When the first failing program crashed the engine: the error, and that program. */
  crash: { error: unknown; program: Program; run: number } | null;
}

export function searchFailures(arbitrary: fc.Arbitrary<Program>, fails: (p: Program) => Divergence | null, options: SearchOptions): SearchResult {
  const started = performance.now();
  const failures: FoundFailure[] = [];
  let found: Divergence | null = null;
  const first = fc.check(
    fc.property(arbitrary, (p) => {
      found = fails(p);
      return found === null;
    }),
    { seed: options.seed, path: options.path, numRuns: options.numRuns, interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false, endOnFailure: true },
  );
  const result: SearchResult = { runs: first.numRuns, interrupted: first.interrupted, failures, crash: null };
  // fast-check calls a run the time limit stopped before its first program failed, with no
  // counterexample: nothing failed, and the caller says the limit cut the run short.
  if (!first.failed || first.counterexamplePath === null) return result;
  const run = Number(first.counterexamplePath.split(':')[0]);
  const program = first.counterexample![0];
  if (found === null) {
    result.crash = { error: first.errorInstance, program, run };
    return result;
  }
  failures.push({ run, program, divergence: found });
  const routes = new Map([[routeOf(found), 1]]);
  if (options.path !== undefined) return result;

  const extra = Math.min(options.numRuns - first.numRuns, Math.max(first.numRuns, MIN_EXTRA_RUNS));
  const remainingMs = options.timeLimitMs - (performance.now() - started);
  if (extra <= 0 || remainingMs <= 0) return result;
  let index = run;
  const more = fc.check(
    fc.property(arbitrary, (p) => {
      index++;
      if (failures.length >= MAX_FAILURES) return true; // enough: the rest of the window only runs fast-check
      let d: Divergence | null = null;
      try {
        d = fails(p);
      } catch {
        d = null;
      }
      const route = d && routeOf(d);
      if (d && route && (routes.get(route) ?? 0) < PER_ROUTE) {
        routes.set(route, (routes.get(route) ?? 0) + 1);
        failures.push({ run: index, program: p, divergence: d });
      }
      return true;
    }),
    { seed: options.seed, path: String(run + 1), numRuns: extra, interruptAfterTimeLimit: remainingMs, markInterruptAsFailure: false },
  );
  result.runs += more.numRuns;
  return result;
}
