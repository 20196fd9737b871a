/*
 * Loading a planted bug: a copy of the compiled implementation with one search/replace patch applied,
 * imported as a plug-in engine (contract/engine.ts).
 *
 * Why a copy: the implementation's own code stays untouched and every other user of it (the suite,
 * the CLI, other variants) keeps the real one. The compiled tree `dist/impl` (and `dist/language` and
 * `dist/contract`, which it imports) is copied into a fresh temporary directory, the patch is applied to one file, the
 * variant's `impl/engine.js` is imported and its `createEngine` returned. Once imported, an ES module
 * lives in memory (the implementation imports nothing lazily), so the directory is removed at once
 * (and one left behind by a killed process, later). Each variant is loaded once per process.
 *
 * The patch must match its file exactly once: a search that no longer occurs (the implementation was
 * edited) or occurs twice (ambiguous) is an error naming the bug, never a silently unpatched variant.
 *
 * Several bugs can be planted in one copy (`loadVariantWith`), their patches applied in turn: an engine
 * with two defects, for the tests of how a campaign tells bugs apart (test/fuzz/bugGroups.test.ts).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CreateEngine } from '../contract/engine.js';
import type { PlantedBug } from './plantedBug.js';

const loaded = new Map<string, Promise<CreateEngine>>();

/** The plug-in factory of the implementation with `bug` planted (cached per process). */
export function loadVariant(bug: PlantedBug): Promise<CreateEngine> {
  return loadVariantWith([bug]);
}

/** The plug-in factory of the implementation with every one of `bugs` planted (cached per process). */
export function loadVariantWith(bugs: readonly PlantedBug[]): Promise<CreateEngine> {
  const name = bugs.map((b) => b.name).join('+');
  let variant = loaded.get(name);
  if (!variant) {
    variant = buildAndImport(name, bugs);
    loaded.set(name, variant);
  }
  return variant;
}

/** The compiled tree, `<repo>/dist`, whether this module runs from the sources or from dist itself. */
export function compiledTree(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('planted bugs: cannot find the repository root (package.json)');
    dir = parent;
  }
  const dist = join(dir, 'dist');
  if (!existsSync(join(dist, 'impl', 'engine.js'))) {
    throw new Error(`planted bugs need the compiled implementation: ${join(dist, 'impl', 'engine.js')} is missing; run \`npm run build\``);
  }
  return dist;
}

/** The patched text of one compiled file; throws unless `search` occurs exactly once. */
export function applyPatch(bug: PlantedBug, text: string): string {
  const first = text.indexOf(bug.search);
  if (first < 0) throw new Error(`planted bug ${bug.name}: \`${bug.search}\` does not occur in dist/${bug.file}`);
  if (text.indexOf(bug.search, first + 1) >= 0) {
    throw new Error(`planted bug ${bug.name}: \`${bug.search}\` occurs more than once in dist/${bug.file}`);
  }
  return text.slice(0, first) + bug.replace + text.slice(first + bug.search.length);
}

/** The compiled folders a variant copies: the implementation and what it imports (the language, the contract). */
const VARIANT_TREES = ['impl', 'language', 'contract'];

/** Every variant is built in a directory of its own under this one. */
const VARIANTS_DIR = join(tmpdir(), 'pymem-variants');
/** A variant directory is needed only while it is imported (well under a second). */
const STALE_AFTER_MS = 60_000;

/**
 * Directories left by processes killed while importing (a campaign worker terminated mid-load): nothing
 * can be using them any more. The clock decides only what to delete, never what a program does.
 */
function removeStaleVariants(): void {
  const now = Date.now();
  for (const entry of readdirSync(VARIANTS_DIR)) {
    const path = join(VARIANTS_DIR, entry);
    try {
      if (now - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

async function buildAndImport(name: string, bugs: readonly PlantedBug[]): Promise<CreateEngine> {
  const dist = compiledTree();
  mkdirSync(VARIANTS_DIR, { recursive: true });
  removeStaleVariants();
  const root = mkdtempSync(join(VARIANTS_DIR, `${name}-`));
  // Inside a node_modules directory the copy is an installed package to test runners too: vitest lets
  // Node import it natively instead of transforming every file of every variant again (seconds each).
  const variant = join(root, 'node_modules', `pymem-planted-${name}`);
  try {
    const noSourceMaps = (source: string) => !source.endsWith('.map'); // they would point at sources that are not there
    for (const tree of VARIANT_TREES) cpSync(join(dist, tree), join(variant, tree), { recursive: true, filter: noSourceMaps });
    writeFileSync(join(variant, 'package.json'), `{ "name": "pymem-planted-${name}", "type": "module" }\n`);
    for (const bug of bugs) {
      const file = join(variant, bug.file);
      if (!existsSync(file)) throw new Error(`planted bug ${bug.name}: no file dist/${bug.file}`);
      writeFileSync(file, applyPatch(bug, readFileSync(file, 'utf8')));
    }
    const module = (await import(pathToFileURL(join(variant, 'impl', 'engine.js')).href)) as { createEngine?: CreateEngine };
    if (typeof module.createEngine !== 'function') throw new Error(`planted bug ${name}: the variant exports no createEngine`);
    return module.createEngine;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
