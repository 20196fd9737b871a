/*
 * pymem's public API: everything `import … from 'pymem'` offers, and nothing else. What is not exported
 * here is private and may change in any release; what is exported follows semantic versioning
 * (CHANGELOG.md). docs/api.md describes each piece with runnable examples.
 *
 * The pieces, in the order a user meets them:
 *   - the program language: read, validate and print programs (every program is also Python);
 *   - the generators: fast-check arbitraries of valid programs, with the swarm's profile options;
 *   - the engines: the reference model, pymem's implementation of CPython (3.11, 3.12 and 3.13, by the
 *     program's version profile), and the loader of a
 *     plug-in module, all behind one contract (CreateEngine → EngineUnderTest);
 *   - checking: one program in lockstep with the model, or a property over many (checkEngine), shrinking;
 *   - the invariants that a check can report, each at its contract level;
 *   - the contract's types, for writing a plug-in in TypeScript, and its declaration (level, observations).
 */

// The program language.
export type { AllocatorGeometry, CPythonVersion, InstanceClass, Program, SlotName, SourceLocation, Statement, StatementKind, StatementOf } from '../language/ast.js';
export { CPYTHON_GEOMETRY, CPYTHON_VERSIONS, DEFAULT_CPYTHON, withCPython } from '../language/ast.js';
export { loadProgram } from '../language/load.js';
export { parseProgram, type Diagnostic } from '../language/parse.js';
export { validateProgram } from '../language/validate.js';
export { printProgram, printStatement } from '../language/print.js';
export { PRELUDE } from '../language/prelude.js';

// The generators.
export { FORK_KINDS, GENERATED_KINDS, GEOMETRIES, TRACEMALLOC_KINDS, programArbitrary, type GeneratorProfile } from '../properties/generators/programArbitrary.js';
export { programFromSeed } from '../properties/generators/programFromSeed.js';

// The engines.
export { ModelEngine, createModelEngine, runModel } from '../model/run.js';
export { createEngine as createImplementation, runImpl as runImplementation } from '../impl/engine.js';
export { loadPlugin, loadPluginModule, validateEngineFactory, type LoadedPlugin } from '../contract/loadPlugin.js';

// Checking.
export { runLockstep, type LockstepOptions, type LockstepResult } from '../properties/lockstep/lockstep.js';
export { teardownStatements } from '../properties/lockstep/teardown.js';
export { checkEngine, DEFAULT_FAILURE_DATABASE, type EngineCheckOptions, type EngineCheckResult } from '../properties/suite/checkEngine.js';
export { shrinkProgram, type FailurePredicate, type ShrinkResult } from '../properties/shrink/shrinkProgram.js';

// The invariants.
export { INVARIANT_CATALOGUE, INVARIANTS, invariantEntry, isInvariant, type Invariant } from '../properties/invariants/catalogue.js';
export type { ContractLevel, InvariantEntry, InvariantLayer, InvariantMinimum } from '../properties/invariants/invariantEntry.js';
export { describeDivergence, type Divergence } from '../properties/lockstep/divergence.js';

// The plug-in contract.
export type { CreateEngine, EngineHooks, EngineUnderTest, HeapInspection } from '../contract/engine.js';
export { LEVELS as CONTRACT_LEVELS, OBSERVATIONS, type Observation, type PluginDeclaration } from '../contract/declaration.js';
export type { CollectionRecord, Generation, ObjectSnapshot, ObjectType, TraceLine, TracedLine } from '../contract/trace.js';
export type { Allocator } from '../contract/allocator.js';
export { CPYTHON_PROFILES, EVAL_BREAKER_SITES, cpythonProfile, type CPythonProfile, type EvalBreakerSite, type InstanceLayout } from '../contract/cpythonProfiles.js';

// Errors a caller may want to tell apart: bad input (exit code 2 on the command line).
export { UsageError } from '../io/usageError.js';
