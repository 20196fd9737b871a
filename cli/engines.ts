/*
 * The engines the command line offers, and the one place where an EngineChoice becomes code: the
 * default (pymem's implementation), the canary (the implementation with a planted bug) and a user's
 * plug-in. Handed to the campaign, replay and report libraries as their EngineLoader; worker processes
 * run campaignWorker.ts, which loads engines through this same module.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateEngine } from '../contract/engine.js';
import { loadPlugin } from '../contract/loadPlugin.js';
import type { EngineChoice, EngineLoader } from '../fuzz/protocol/engineChoice.js';
import { createEngine as createImplEngine } from '../impl/engine.js';
import { UsageError } from '../io/usageError.js';
import { CANARY } from '../plantedBugs/canary.js';
import { plantedBug } from '../plantedBugs/catalog.js';
import { loadVariant } from '../plantedBugs/loadVariant.js';
import { BadValue, type ParseValue } from './flagValues.js';

export const canaryChoice = (): EngineChoice => ({ kind: 'canary', bug: CANARY });

/** `--impl MODULE` as given on the command line: made absolute against the working directory. */
export const pluginModule: ParseValue<EngineChoice> = (module) => {
  const absolute = resolve(module);
  if (!existsSync(absolute)) throw new BadValue('must name a module file that exists (a plug-in exporting createEngine)');
  return { kind: 'module', module: absolute };
};

async function load(choice: EngineChoice): Promise<CreateEngine> {
  if (choice.kind === 'builtin') return createImplEngine;
  if (choice.kind === 'module') return loadPlugin(choice.module, 'plug-in');
  try {
    return await loadVariant(plantedBug(choice.bug));
  } catch (e) {
    throw new UsageError([`the canary (planted bug ${choice.bug}) cannot be built: ${(e as Error).message}`]);
  }
}

/** The engine a command runs: the plug-in of `--impl`, else pymem's implementation. */
export function engineOf(impl: EngineChoice | undefined): Promise<CreateEngine> {
  return load(impl ?? { kind: 'builtin' });
}

export const engineLoader: EngineLoader = {
  load,
  workerModule: fileURLToPath(new URL('./campaignWorker.js', import.meta.url)),
};
