/*
 * Which memory manager a campaign checks: pymem's own implementation, the built-in planted bug (the
 * canary, properties/plantedBugs/canary.ts: a campaign against it must report a finding, proof that
 * the pipeline reports failures), or a user's plug-in module exporting `createEngine`
 * (impl/engineUnderTest.ts, `--impl MODULE`).
 *
 * The choice is plain data so that it travels to workers and into findings, and `pymem replay` loads
 * the same engine the campaign ran.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine as createImplEngine } from '../../impl/engine.js';
import type { CreateEngine } from '../../impl/engineUnderTest.js';
import { CANARY } from '../../properties/plantedBugs/canary.js';
import { plantedBug } from '../../properties/plantedBugs/catalog.js';
import { loadVariant } from '../../properties/plantedBugs/loadVariant.js';
import { UsageError } from '../cli/io.js';

/** A canary names its planted bug, so a finding replays against the same bug even if the canary changes. */
export type EngineChoice = { kind: 'builtin' } | { kind: 'canary'; bug: string } | { kind: 'module'; module: string };

export const canaryChoice = (): EngineChoice => ({ kind: 'canary', bug: CANARY });

export function describeEngine(choice: EngineChoice): string {
  if (choice.kind === 'builtin') return 'pymem implementation';
  if (choice.kind === 'canary') return `canary (the implementation with the planted bug ${choice.bug})`;
  return `plug-in ${choice.module}`;
}

/** `--impl MODULE` as given on the command line: made absolute against the working directory. */
export function moduleChoice(module: string): EngineChoice {
  const absolute = resolve(module);
  if (!existsSync(absolute)) throw new UsageError([`--impl: no such module: ${module}`]);
  return { kind: 'module', module: absolute };
}

export async function loadCreateEngine(choice: EngineChoice): Promise<CreateEngine> {
  if (choice.kind === 'builtin') return createImplEngine;
  if (choice.kind === 'canary') return loadPlantedBug(choice.bug);
  let exported: { createEngine?: unknown };
  try {
    exported = (await import(pathToFileURL(choice.module).href)) as { createEngine?: unknown };
  } catch (e) {
    throw new UsageError([`--impl ${choice.module}: cannot load the module: ${(e as Error).message}`]);
  }
  if (typeof exported.createEngine !== 'function') {
    throw new UsageError([
      `--impl ${choice.module}: the module exports no function createEngine(program, hooks)`,
      'see "Plug-ins" in README.md for the interface',
    ]);
  }
  return exported.createEngine as CreateEngine;
}

async function loadPlantedBug(name: string): Promise<CreateEngine> {
  try {
    return await loadVariant(plantedBug(name));
  } catch (e) {
    throw new UsageError([`--canary: cannot build the planted bug ${name}: ${(e as Error).message}`]);
  }
}
