/*
 * Flags that mean the same on every command that takes them, declared once so that giving a command
 * one is a single line in its spec (`impl: IMPL`) and its help reads the same everywhere.
 */
import { LEVELS, type ContractLevel } from '../contract/declaration.js';
import { CPYTHON_VERSIONS, DEFAULT_CPYTHON, type CPythonVersion } from '../language/ast.js';
import type { ValueFlag } from './commandSpec.js';
import type { EngineChoice } from '../fuzz/protocol/engineChoice.js';
import { pluginModule } from './engines.js';
import { oneOf } from './flagValues.js';

export const IMPL: ValueFlag<EngineChoice> = {
  value: 'MODULE',
  help: "check your own memory manager instead of pymem's: an ES module exporting createEngine (docs/plugins.md)",
  parse: pluginModule,
};

export const CONTRACT: ValueFlag<ContractLevel> = {
  value: 'LEVEL',
  help: `the contract the engine is held to: ${LEVELS.join(', ')} (docs/contract-levels.md; default: the level the plug-in declares, else cpython)`,
  parse: oneOf<ContractLevel>(LEVELS),
};

export const CPYTHON: ValueFlag<CPythonVersion> = {
  value: 'VERSION',
  help: `the CPython version profile programs run under: ${CPYTHON_VERSIONS.join(', ')} (docs/cpython-versions.md; default: the program's header, else ${DEFAULT_CPYTHON})`,
  parse: oneOf<CPythonVersion>(CPYTHON_VERSIONS),
};

export const PYTHON: ValueFlag<string> = {
  value: 'EXECUTABLE',
  help: `the CPython interpreter to run (3.11, 3.12 or 3.13; its version selects the profile; default: the one --cpython names, found on PATH or by pyenv, else python3)`,
  parse: (text: string) => text,
};
