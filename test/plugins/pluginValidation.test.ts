/*
 * A plug-in is validated before any program runs (contract/loadPlugin.ts): each problem is a UsageError
 * naming the module and what is missing or of the wrong shape — exit code 2 on the command line, never a
 * `crash` finding. checkEngine validates a factory handed to it directly the same way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarationProblems } from '../../contract/declaration.js';
import { loadPluginModule } from '../../contract/loadPlugin.js';
import type { CreateEngine } from '../../contract/engine.js';
import { UsageError } from '../../io/usageError.js';
import { checkEngine } from '../../properties/suite/checkEngine.js';
import { tempDir } from '../fuzz/runPymem.js';

const dir = tempDir('plugins');
let n = 0;
function plugin(source: string): string {
  const file = join(dir, `plugin${++n}.mjs`);
  writeFileSync(file, source);
  return file;
}

const LINE = `({ step: 1, line: 1, freed: [], finalized: [], callbacks: [], collections: [], count: [0, 0, 0] })`;

async function usageError(load: () => Promise<unknown>): Promise<string> {
  try {
    await load();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as UsageError).lines.join('\n');
  }
  throw new Error('no UsageError');
}

describe('loading a plug-in', () => {
  it('a module without createEngine is named, with what it lacks', async () => {
    const file = plugin('export const engine = 1;\n');
    expect(await usageError(() => loadPluginModule(file))).toBe(`--impl ${file}: the module exports no function createEngine(program, hooks)`);
  });

  it('createEngine that is not a function', async () => {
    const file = plugin('export const createEngine = { execute() {} };\n');
    expect(await usageError(() => loadPluginModule(file))).toContain('exports createEngine as a object, not a function');
  });

  it('an engine without execute: the message names execute, before any program runs', async () => {
    const file = plugin('export function createEngine() { return { run() {} }; }\n');
    expect(await usageError(() => loadPluginModule(file))).toBe(`--impl ${file}: the engine has no execute(statement, options) method`);
  });

  it('an optional hook that is not a function, and execute of the wrong type, are each named', async () => {
    const file = plugin('export function createEngine() { return { execute: 3, leftovers: true }; }\n');
    const message = await usageError(() => loadPluginModule(file));
    expect(message).toContain("the engine's execute is a number, not a function");
    expect(message).toContain("the engine's optional leftovers is a boolean, not a function");
  });

  it('execute returning no trace line names the missing fields', async () => {
    const file = plugin('export function createEngine() { return { execute() { return { step: 1, freed: [] }; } }; }\n');
    const message = await usageError(() => loadPluginModule(file));
    expect(message).toContain('execute("x = []") returned a line whose finalized is missing');
    expect(message).toContain('a line whose count is missing');
  });

  it('a malformed declaration names the field', async () => {
    const file = plugin(`export const pymem = { contract: 'tracing', observes: ['refcounts', 'colours'] };\nexport function createEngine() { return { execute: () => ${LINE} }; }\n`);
    const message = await usageError(() => loadPluginModule(file));
    expect(message).toContain(`its export pymem contract is "tracing", not one of reachability, refcount, cpython`);
    expect(message).toContain('observes lists "colours"');
  });

  it('a declaration that promises objects must list them', async () => {
    const file = plugin(`export const pymem = { observes: ['objects'] };\nexport function createEngine() { return { execute: () => ${LINE} }; }\n`);
    expect(await usageError(() => loadPluginModule(file))).toContain('no objects with { snapshot: true }');
  });

  it('a valid plug-in loads with its declaration, carried by the factory, and its hash', async () => {
    const file = plugin(`export const pymem = { contract: 'reachability' };\nexport function createEngine() { return { execute: () => ${LINE} }; }\n`);
    const loaded = await loadPluginModule(file);
    expect(loaded.declaration).toEqual({ contract: 'reachability' });
    expect((loaded.createEngine as unknown as { pymem: unknown }).pymem).toEqual({ contract: 'reachability' });
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a missing module, and one that does not load, are usage errors too', async () => {
    expect(await usageError(() => loadPluginModule(join(dir, 'nowhere.mjs')))).toContain('no such module');
    const file = plugin('export function createEngine( {\n');
    expect(await usageError(() => loadPluginModule(file))).toContain('cannot load the module');
  });
});

describe('checkEngine on a factory of the wrong shape', () => {
  it('throws the UsageError before running any program', () => {
    const broken = (() => ({})) as unknown as CreateEngine;
    expect(() => checkEngine(broken, { numRuns: 1, failureDatabase: false, title: 'mine' })).toThrow(/mine: the engine has no execute/);
  });
});

describe('the declaration', () => {
  it('accepts the empty declaration and each level', () => {
    expect(declarationProblems({})).toEqual([]);
    for (const contract of ['reachability', 'refcount', 'cpython']) expect(declarationProblems({ contract, observes: ['objects', 'allocator'] })).toEqual([]);
  });

  it('rejects what is not an object, unknown fields and a non-array observes', () => {
    expect(declarationProblems('refcount')).toEqual(['is not an object { contract?, observes? }']);
    expect(declarationProblems({ level: 'refcount' })).toEqual(["has an unknown field 'level' (known: contract, observes)"]);
    expect(declarationProblems({ observes: 'objects' })).toEqual(['observes is not an array']);
  });
});
