/*
 * Loading a user's plug-in module: an ES module that exports `createEngine(program, hooks)` (engine.ts).
 * A module that cannot be found, does not load or exports no such function is a UsageError naming it,
 * before any program runs.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../io/usageError.js';
import type { CreateEngine } from './engine.js';

/** The plug-in at `path` (relative to the working directory), its `createEngine` checked. */
export async function loadPlugin(path: string, flag = '--impl'): Promise<CreateEngine> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new UsageError([`${flag}: no such module: ${path}`]);
  let exported: { createEngine?: unknown };
  try {
    exported = (await import(pathToFileURL(absolute).href)) as { createEngine?: unknown };
  } catch (e) {
    throw new UsageError([`${flag} ${path}: cannot load the module: ${(e as Error).message}`]);
  }
  if (typeof exported.createEngine !== 'function') {
    throw new UsageError([`${flag} ${path}: the module exports no function createEngine(program, hooks)`]);
  }
  return exported.createEngine as CreateEngine;
}
