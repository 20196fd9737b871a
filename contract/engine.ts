/*
 * The plug-in interface: what a memory manager must offer for pymem to check it against the model
 * with the same generators, invariants, campaigns and reports (`--impl MODULE`; docs/architecture.md
 * "The plug-in contract").
 *
 * A plug-in module exports `createEngine(program, hooks)` returning an EngineUnderTest. The engine
 * executes one statement at a time and reports the statement's trace line (contract/trace.ts). If it
 * allocates through a pymalloc-compatible allocator, it passes that allocator through
 * `hooks.wrapAllocator` and calls the wrapper instead: pymem then replays every call into its naive
 * allocator model and checks the addresses (the allocator layer, docs/invariants.md). Everything else is
 * optional and makes the check stronger.
 */
import type { Program, Statement } from '../language/ast.js';
import type { Generation, ObjectSnapshot, TraceLine } from './trace.js';
import type { Allocator } from './allocator.js';
import type { PluginDeclaration } from './declaration.js';

export interface EngineHooks {
  wrapAllocator?: <A extends Allocator>(allocator: A) => Allocator;
}

export interface EngineUnderTest {
  /** Optional: the plug-in's declaration (declaration.ts), when the module does not export it as `pymem`. */
  readonly pymem?: PluginDeclaration;
  /** Run one statement; with `snapshot`, list every live object (docs/trace.md#snapshots). */
  execute(statement: Statement, options?: { snapshot?: boolean }): TraceLine;
  /** Optional: ids of the tuples each collection of the last statement untracked, in order. */
  untrackedTuples?(): number[][];
  /**
   * Optional: a walk of the engine's own structures; each string is a broken invariant. With
   * `{ full: false }` the engine may look only at what changed since its last check (an incremental
   * check); without options, or with `full: true`, it walks everything. The lockstep runner asks for the
   * incremental check after most statements and for a full one at intervals, at the program's last
   * statement, once after the teardown, and whenever the incremental one reports a problem.
   */
  checkHeap?(options?: { full?: boolean }): string[];
  /**
   * Optional: the runner is done with this engine — no call follows. The engine may keep its memory for
   * the next engine its factory creates (engine reuse across programs).
   */
  release?(): void;
  /** Optional: after teardown, objects still alive and blocks still held (raw blocks the program leaked excluded). */
  leftovers?(): { objects: number; blocks: number };
  /**
   * Optional: semantic event counters so far, by name (how often each collection, resurrection, callback,
   * pool and arena transition… happened; pymem's are listed in impl/runtime/features.ts and
   * impl/pymalloc/events.ts). Statistics and campaign coverage use them; no check depends on them.
   */
  features?(): Record<string, number>;
  /**
   * Optional: the live objects as they are now, queried in place (no snapshot records). An engine that
   * offers it may be executed without `snapshot`: the lockstep runner then compares the model against
   * these answers and asks for `snapshot()` only when something differs (to name the difference). Its
   * answers must be those of the snapshot `execute(s, { snapshot: true })` would have listed.
   */
  inspect?(): HeapInspection;
}

/**
 * The live objects after the last statement, one query per field; valid until the next statement.
 * `refcount`, `gen`, `finalized`, `addr` and `size` are asked only for an id where `has` is true.
 */
export interface HeapInspection {
  /** How many objects are alive (the snapshot's length). */
  readonly count: number;
  has(id: number): boolean;
  refcount(id: number): number;
  gen(id: number): Generation;
  finalized(id: number): boolean;
  addr(id: number): number | undefined;
  size(id: number): number | undefined;
  /** The snapshot `execute(s, { snapshot: true })` would have listed, ascending ids. */
  snapshot(): ObjectSnapshot[];
}

export type CreateEngine = (program: Program, hooks: EngineHooks) => EngineUnderTest;
