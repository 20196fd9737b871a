/*
 * Which memory manager a campaign checks, as plain data: pymem's own implementation, the built-in
 * planted bug (the canary: a campaign against it must report a finding, proof that the pipeline reports
 * failures), or a user's plug-in module (`--impl MODULE`). The choice travels to workers and into
 * campaign.json and findings, so that `pymem replay` loads the same engine the campaign ran.
 *
 * The library never loads an engine by itself: whoever starts a campaign, a replay or a report hands in
 * an EngineLoader (the command line's is cli/engines.ts). That keeps fuzz/ free of any engine but the
 * plug-in contract, and lets a worker process — a module of the caller's — load engines the same way.
 *
 * A plug-in is stored in campaign.json and in findings as a path relative to the campaign directory,
 * with the SHA-256 of the module file (`storedModuleChoice`), so that a campaign directory copied from a
 * CI artifact replays on another machine next to the same plug-in; a loader is always handed an absolute
 * path (`engineAt`). Older files hold absolute paths, which resolve to themselves. `recordedPlugin` is
 * what `pymem replay` needs: the recorded plug-in (or an override), and whether it changed since.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CreateEngine } from '../../contract/engine.js';
import { fileSha256 } from '../../contract/loadPlugin.js';
import { UsageError } from '../../io/usageError.js';

/**
 * A canary names its planted bug, so a finding replays against the same bug even if the canary changes.
 * A module's path is absolute when handed to a loader; in a file, relative to the campaign directory.
 */
export type EngineChoice = { kind: 'builtin' } | { kind: 'canary'; bug: string } | { kind: 'module'; module: string; sha256?: string };

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

/** The choice as a campaign directory `dir` stores it: a plug-in's path relative to `dir`, with its hash. */
export function storedModuleChoice(choice: EngineChoice, dir: string): EngineChoice {
  if (choice.kind !== 'module') return choice;
  const absolute = resolve(choice.module);
  const sha256 = existsSync(absolute) ? fileSha256(absolute) : choice.sha256;
  return { kind: 'module', module: relative(resolve(dir), absolute) || '.', ...(sha256 ? { sha256 } : {}) };
}

/** The choice a loader takes: a stored plug-in path resolved against the campaign directory `dir`. */
export function engineAt(choice: EngineChoice, dir: string): EngineChoice {
  if (choice.kind !== 'module' || isAbsolute(choice.module)) return choice;
  return { ...choice, module: resolve(dir, choice.module) };
}

/** A stored choice of the campaign directory `from` as the directory `to` stores it (`pymem merge`); the hash is kept. */
export function rebasedChoice(choice: EngineChoice, from: string, to: string): EngineChoice {
  if (choice.kind !== 'module') return choice;
  return { ...choice, module: relative(resolve(to), resolve(from, choice.module)) || '.' };
}

export interface RecordedPlugin {
  /** The choice to load: absolute, the override's if one was given. */
  choice: EngineChoice;
  /** True when the module's content differs from the recorded hash; null when there is nothing to compare. */
  changed: boolean | null;
  /** A sentence for the user when the plug-in changed or the hash was not recorded; null otherwise. */
  note: string | null;
}

/**
 * The plug-in a campaign file or finding recorded, resolved against the campaign directory `dir`, or the
 * module `override` (`pymem replay --impl`) instead; a missing module is a UsageError saying where it was
 * looked for and how to point elsewhere.
 */
export function recordedPlugin(recorded: EngineChoice, dir: string, override?: string): RecordedPlugin {
  const choice = override !== undefined ? { kind: 'module' as const, module: resolve(override) } : engineAt(recorded, dir);
  if (choice.kind !== 'module') return { choice, changed: null, note: null };
  if (!existsSync(choice.module)) {
    throw new UsageError([
      override !== undefined ? `--impl: no such module: ${override}` : `the recorded plug-in ${recorded.kind === 'module' ? recorded.module : ''} is not at ${choice.module}`,
      ...(override === undefined ? ['give the plug-in with --impl MODULE'] : []),
    ]);
  }
  const want = recorded.kind === 'module' ? recorded.sha256 : undefined;
  if (want === undefined) return { choice, changed: null, note: override !== undefined ? null : `the finding recorded no hash of ${choice.module}: it cannot tell whether the plug-in changed` };
  const changed = fileSha256(choice.module) !== want;
  const note = changed ? `the plug-in ${choice.module} changed since the finding (SHA-256 ${want.slice(0, 12)}… then): the result may differ` : null;
  return { choice, changed, note };
}
