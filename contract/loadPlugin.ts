/*
 * Loading a user's plug-in module and validating it before any program runs (docs/plugins.md): an ES
 * module that exports `createEngine(program, hooks)` (engine.ts) and, optionally, its declaration as
 * `pymem` (declaration.ts). Every problem is a UsageError naming the module and what is missing or of
 * the wrong shape — on the command line, exit code 2 — never a finding of a campaign:
 *
 *   1. the module exists and loads;
 *   2. it exports `createEngine`, a function, and its `pymem` export, if any, is a well-formed declaration;
 *   3. `createEngine` on a one-statement program (`x = []`) returns an object with an `execute` method,
 *      whose optional hooks (`checkHeap`, `leftovers`, `features`, `inspect`, `untrackedTuples`) are
 *      functions where present and whose `pymem` property, if any, is a well-formed declaration;
 *   4. `execute` on that statement, with `snapshot`, returns a trace line: `freed`, `finalized` and
 *      `callbacks` arrays of ids, `collections` an array, `count` three numbers, and `objects` an array
 *      when the declaration says the engine observes objects.
 *
 * The loaded factory carries the declaration as its `pymem` property, which is how the lockstep runner
 * and checkEngine find the level a plug-in declares, and its module's path (pluginPathOf), which is how
 * a failure message names the `--impl` that replays it on the command line.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON, type Program } from '../language/ast.js';
import { UsageError } from '../io/usageError.js';
import { declarationOf, declarationProblems, type PluginDeclaration } from './declaration.js';
import type { CreateEngine } from './engine.js';

export interface LoadedPlugin {
  /** The validated factory, carrying the declaration as `pymem`. */
  createEngine: CreateEngine;
  declaration?: PluginDeclaration;
  /** The module's absolute path. */
  path: string;
  /** SHA-256 of the module file, hex: how a replay tells that the plug-in changed. */
  sha256: string;
}

const OPTIONAL_HOOKS = ['untrackedTuples', 'checkHeap', 'leftovers', 'features', 'inspect'] as const;
const PROBE: Program = { statements: [{ kind: 'newList', target: 'x', items: [] }], geometry: CPYTHON_GEOMETRY, cpython: DEFAULT_CPYTHON };

const PLUGIN_PATH = Symbol('pymem plug-in path');

/** The module a factory was loaded from (loadPlugin, loadPluginModule), as an absolute path; else undefined. */
export function pluginPathOf(createEngine: unknown): string | undefined {
  return typeof createEngine === 'function' ? (createEngine as { [PLUGIN_PATH]?: string })[PLUGIN_PATH] : undefined;
}

/** SHA-256 of a file's bytes, hex. */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The plug-in at `path` (relative to the working directory), loaded and validated. */
export async function loadPluginModule(path: string, flag = '--impl'): Promise<LoadedPlugin> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new UsageError([`${flag}: no such module: ${path}`]);
  let exported: Record<string, unknown>;
  try {
    exported = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError([`${flag} ${path}: cannot load the module: ${(e as Error).message}`]);
  }
  if (typeof exported.createEngine !== 'function') {
    const what = exported.createEngine === undefined ? 'exports no function createEngine(program, hooks)' : `exports createEngine as a ${typeof exported.createEngine}, not a function`;
    throw new UsageError([`${flag} ${path}: the module ${what}`]);
  }
  const problems = exported.pymem === undefined ? [] : declarationProblems(exported.pymem).map((p) => `its export pymem ${p}`);
  if (problems.length > 0) throw new UsageError(problems.map((p) => `${flag} ${path}: ${p}`));
  const declaration = exported.pymem as PluginDeclaration | undefined;
  const inner = exported.createEngine as CreateEngine;
  const engineDeclaration = validateEngineFactory(inner, `${flag} ${path}`, declaration);
  const createEngine: CreateEngine = (program, hooks) => inner(program, hooks);
  const carried = declaration ?? engineDeclaration;
  if (carried) Object.assign(createEngine, { pymem: carried });
  Object.defineProperty(createEngine, PLUGIN_PATH, { value: absolute });
  return { createEngine, declaration: carried, path: absolute, sha256: fileSha256(absolute) };
}

/** The plug-in at `path` as a factory (its declaration carried as `pymem`); see loadPluginModule. */
export async function loadPlugin(path: string, flag = '--impl'): Promise<CreateEngine> {
  return (await loadPluginModule(path, flag)).createEngine;
}

/**
 * Steps 3 and 4 of the header on a factory, wherever it came from (a module, or a test's own function):
 * a UsageError listing every problem, each prefixed by `name`. Returns the engine's own declaration, if any.
 */
export function validateEngineFactory(createEngine: unknown, name: string, declaration?: PluginDeclaration): PluginDeclaration | undefined {
  const fail = (problems: string[]): never => {
    throw new UsageError(problems.map((p) => `${name}: ${p}`));
  };
  if (typeof createEngine !== 'function') fail([`createEngine is a ${createEngine === null ? 'null' : typeof createEngine}, not a function`]);
  let engine: unknown;
  try {
    engine = (createEngine as CreateEngine)(PROBE, { wrapAllocator: (allocator) => allocator });
  } catch (e) {
    fail([`createEngine threw on the one-statement program "x = []": ${(e as Error).message}`]);
  }
  if (typeof engine !== 'object' || engine === null) fail([`createEngine returned ${engine === null ? 'null' : typeof engine}, not an engine object`]);
  const e = engine as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.execute !== 'function') {
    problems.push(e.execute === undefined ? 'the engine has no execute(statement, options) method' : `the engine's execute is a ${typeof e.execute}, not a function`);
  }
  for (const hook of OPTIONAL_HOOKS) {
    if (e[hook] !== undefined && typeof e[hook] !== 'function') problems.push(`the engine's optional ${hook} is a ${typeof e[hook]}, not a function`);
  }
  if (e.pymem !== undefined) problems.push(...declarationProblems(e.pymem).map((p) => `the engine's pymem declaration ${p}`));
  if (problems.length > 0) fail(problems);
  const own = declarationOf(engine);
  let line: unknown;
  try {
    line = (e.execute as (s: unknown, o: unknown) => unknown).call(engine, PROBE.statements[0], { snapshot: true });
  } catch (err) {
    fail([`execute threw on the statement "x = []": ${(err as Error).message}`]);
  }
  const declared = declaration ?? own;
  const lineProblems = traceLineProblems(line, declared?.observes?.includes('objects') ?? false);
  if (lineProblems.length > 0) fail(lineProblems.map((p) => `execute("x = []") returned ${p}`));
  return own;
}

function traceLineProblems(line: unknown, objectsDeclared: boolean): string[] {
  if (typeof line !== 'object' || line === null) return [`${line === null ? 'null' : typeof line}, not a trace line object (docs/trace.md)`];
  const l = line as Record<string, unknown>;
  const problems: string[] = [];
  const ids = (v: unknown) => Array.isArray(v) && v.every((x) => Number.isInteger(x));
  for (const field of ['freed', 'finalized', 'callbacks'] as const) {
    if (!ids(l[field])) problems.push(`a line whose ${field} is ${l[field] === undefined ? 'missing' : 'not an array of ids'}`);
  }
  if (!Array.isArray(l.collections)) problems.push(`a line whose collections is ${l.collections === undefined ? 'missing' : 'not an array'}`);
  if (!Array.isArray(l.count) || l.count.length !== 3 || !l.count.every((c) => typeof c === 'number')) {
    problems.push(`a line whose count is ${l.count === undefined ? 'missing' : 'not three numbers'}`);
  }
  if (l.objects !== undefined && !Array.isArray(l.objects)) problems.push('a line whose objects is not an array');
  else if (objectsDeclared && l.objects === undefined) problems.push('no objects with { snapshot: true }, though the declaration says it observes objects');
  return problems;
}
