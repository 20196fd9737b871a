/*
 * Which memory manager a campaign checks, as plain data: pymem's own implementation, the built-in
 * planted bug (the canary: a campaign against it must report a finding, proof that the pipeline reports
 * failures), or a user's plug-in module (`--impl MODULE`). The choice travels to workers and into
 * campaign.json and findings, so that `pymem replay` loads the same engine the campaign ran.
 *
 * The library never loads an engine by itself: whoever starts a campaign, a replay or a report hands in
 * an EngineLoader (the command line's is cli/engines.ts). That keeps fuzz/ free of any engine but the
 * plug-in contract, and lets a worker process — a module of the caller's — load engines the same way.
 */
import type { CreateEngine } from '../../contract/engine.js';

/** A canary names its planted bug, so a finding replays against the same bug even if the canary changes. */
export type EngineChoice = { kind: 'builtin' } | { kind: 'canary'; bug: string } | { kind: 'module'; module: string };

export interface EngineLoader {
  /** The engine factory of a choice; a choice that cannot load is a UsageError naming it. */
  load(choice: EngineChoice): Promise<CreateEngine>;
  /**
   * The module a worker process runs (fork): it calls `serveWorker(load)` of fuzz/worker/worker.ts with
   * this same loader's `load`.
   */
  readonly workerModule: string;
}

/** Why `value`, read from a file a user may have edited, is not an EngineChoice; undefined when it is one. */
export function engineChoiceProblem(value: unknown): string | undefined {
  const choice = value as Partial<Record<string, unknown>>;
  if (choice.kind === 'builtin') return undefined;
  if (choice.kind === 'canary') return typeof choice.bug === 'string' ? undefined : 'a canary without the name of its planted bug';
  if (choice.kind === 'module') return typeof choice.module === 'string' ? undefined : 'a plug-in without the path of its module';
  return `kind ${JSON.stringify(choice.kind ?? null)} (expected builtin, canary or module)`;
}

export function describeEngine(choice: EngineChoice): string {
  if (choice.kind === 'builtin') return 'pymem implementation';
  if (choice.kind === 'canary') return `canary (the implementation with the planted bug ${choice.bug})`;
  return `plug-in ${choice.module}`;
}
