/*
 * Flags that mean the same on every command that takes them, declared once so that giving a command
 * one is a single line in its spec (`impl: IMPL`) and its help reads the same everywhere.
 */
import type { ValueFlag } from './commandSpec.js';
import type { EngineChoice } from '../fuzz/protocol/engineChoice.js';
import { pluginModule } from './engines.js';

export const IMPL: ValueFlag<EngineChoice> = {
  value: 'MODULE',
  help: 'check your own memory manager instead of pymem\'s: an ES module exporting createEngine (README "Plug-ins")',
  parse: pluginModule,
};
