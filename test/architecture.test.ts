/*
 * The direction of every import between folders (docs/architecture.md). Each folder is one role and may
 * import only the folders below it listed here; anything else — the model reaching into the
 * implementation, the harness reaching an engine other than through the plug-in contract, a library
 * reaching up into the command line — fails this test with the file and the import.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

const BELOW_FUZZ = ['language', 'io', 'contract', 'model', 'properties', 'views'];

/** Folder → the folders its modules may import (its own files always may). The first match wins: longest folder first. */
export const MAY_IMPORT: Record<string, readonly string[]> = {
  language: [],
  io: ['language'],
  contract: ['language', 'io'],
  model: ['language', 'contract'],
  impl: ['language', 'contract'],
  properties: ['language', 'contract', 'model'],
  views: ['language', 'contract', 'model', 'properties'],
  'fuzz/programs': BELOW_FUZZ,
  'fuzz/protocol': [...BELOW_FUZZ, 'fuzz/programs'],
  'fuzz/store': [...BELOW_FUZZ, 'fuzz/programs', 'fuzz/protocol'],
  'fuzz/worker': [...BELOW_FUZZ, 'fuzz/programs', 'fuzz/protocol', 'fuzz/store'],
  'fuzz/campaign': [...BELOW_FUZZ, 'fuzz/programs', 'fuzz/protocol', 'fuzz/store', 'fuzz/worker'],
  'fuzz/replay': [...BELOW_FUZZ, 'fuzz/programs', 'fuzz/protocol', 'fuzz/store', 'fuzz/worker', 'fuzz/campaign'],
  'fuzz/report': [...BELOW_FUZZ, 'fuzz/programs', 'fuzz/protocol', 'fuzz/store', 'fuzz/worker', 'fuzz/campaign', 'fuzz/replay'],
  oracle: ['language', 'io', 'contract', 'model', 'properties'],
  plantedBugs: ['language', 'io', 'contract', 'model', 'properties', 'impl'],
  bench: ['language', 'io', 'contract', 'model', 'impl', 'properties', 'plantedBugs', 'views', 'fuzz/protocol', 'fuzz/store'],
  api: ['language', 'io', 'contract', 'model', 'impl', 'properties'],
  cli: ['language', 'io', 'contract', 'model', 'impl', 'properties', 'plantedBugs', 'views', 'fuzz', 'oracle', 'bench'],
};

const FOLDERS = Object.keys(MAY_IMPORT).sort((a, b) => b.length - a.length);

function folderOf(path: string): string | undefined {
  return FOLDERS.find((f) => path === f || path.startsWith(`${f}/`));
}

/** `path` as seen from the rules: a folder they name, or its parent folder when only the parent is named (fuzz). */
function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  return MAY_IMPORT[from].some((f) => to === f || to.startsWith(`${f}/`));
}

/** Every import of `files` (path → text) that points the wrong way, as `file: import`. */
export function wrongWayImports(files: Map<string, string>): string[] {
  const wrong: string[] = [];
  for (const [file, text] of files) {
    const from = folderOf(file);
    if (!from) continue;
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = posix.normalize(posix.join(posix.dirname(file), m[1]));
      const to = folderOf(target);
      if (to === undefined) wrong.push(`${file}: imports ${m[1]}, outside every folder`);
      else if (!allowed(from, to)) wrong.push(`${file}: ${from} imports ${to} (${m[1]})`);
    }
  }
  return wrong;
}

function sources(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = posix.join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.set(path, readFileSync(join(ROOT, path), 'utf8'));
  }
  return out;
}

describe('the architecture', () => {
  const tops = [...new Set(Object.keys(MAY_IMPORT).map((f) => f.split('/')[0]))];

  it('every import between folders points the way docs/architecture.md draws it', () => {
    const files = new Map<string, string>();
    for (const top of tops) sources(top, files);
    expect(files.size).toBeGreaterThan(150);
    expect(wrongWayImports(files)).toEqual([]);
  });

  it('every folder of sources is named in the rules', () => {
    const folders = readdirSync(ROOT).filter((name) => {
      if (name.startsWith('.') || ['node_modules', 'dist', 'test', 'scripts', 'coverage'].includes(name)) return false;
      if (!statSync(join(ROOT, name)).isDirectory()) return false;
      return [...sources(name).keys()].length > 0;
    });
    expect(folders.filter((f) => !tops.includes(f))).toEqual([]);
  });

  it('catches a planted wrong-way import: the model importing the implementation', () => {
    const planted = new Map([
      ['model/machine/heap.ts', "import { ImplEngine } from '../../impl/engine.js';\n"],
      ['properties/lockstep/lockstep.ts', "import type { CreateEngine } from '../../contract/engine.js';\n"],
    ]);
    expect(wrongWayImports(planted)).toEqual(['model/machine/heap.ts: model imports impl (../../impl/engine.js)']);
  });

  it('catches a library reaching up into the command line, and a worker reaching into the coordinator', () => {
    const planted = new Map([
      ['fuzz/store/findingStore.ts', "import { UsageError } from '../../cli/args.js';\n"],
      ['fuzz/worker/worker.ts', "import { Coordinator } from '../campaign/coordinator.js';\n"],
    ]);
    expect(wrongWayImports(planted)).toEqual([
      'fuzz/store/findingStore.ts: fuzz/store imports cli (../../cli/args.js)',
      'fuzz/worker/worker.ts: fuzz/worker imports fuzz/campaign (../campaign/coordinator.js)',
    ]);
  });
});
