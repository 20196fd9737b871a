/*
 * The shape of one entry of the invariants catalogue (catalogue.ts): what must hold, which layer of the
 * memory manager it is about, the weakest contract level that promises it, which parts of pymem detect
 * a violation, and how often generated programs must reach it. The planted bugs that prove it can fail
 * are not stored here: plantedBugs/ sits above properties/ and names its invariant per bug; the
 * generated docs and the tests join the two.
 */
import { LEVELS, type ContractLevel } from '../../contract/declaration.js';
import type { CheckerName } from './checkers.js';

/**
 * `object`: objects, references and the collector, as the trace lines and snapshots show them.
 * `allocator`: the memory behind them — the blocks an allocator hands out, their reuse, and what of
 * them is traced or written.
 */
export type InvariantLayer = 'object' | 'allocator';
export const LAYERS: readonly InvariantLayer[] = ['object', 'allocator'];

/**
 * The weakest contract an engine can promise that includes the invariant: a check at a level
 * (`--contract`, docs/contract-levels.md) holds the engine to the invariants of that level and the ones
 * before it, and counts only those. Each level includes the ones before.
 *   reachability  safety and completeness with respect to the roots, finalizers run at most once,
 *                 weakrefs cleared in time and calling back only while alive, blocks that never overlap
 *   refcount      adds CPython's prompt refcount deaths (in its order, with finalizers and callbacks)
 *                 and what each collection frees — no thresholds, counts, freelists, addresses or sizes
 *   cpython       everything else CPython 3.11 does: counts, thresholds, generations, tracking,
 *                 statistics, pymalloc's addresses, classes, pools and arenas, sizes, tracemalloc, pages
 */
// Defined with the plug-in contract, which a plug-in's declaration names.
export { LEVELS, type ContractLevel };

/** Whether an invariant of level `invariant` is checked at level `checked` (each level includes the ones before). */
export function atLevel(invariant: ContractLevel, checked: ContractLevel): boolean {
  return LEVELS.indexOf(invariant) <= LEVELS.indexOf(checked);
}


/**
 * The property file whose generated programs must reach the invariant: the default swarm, or the file
 * that adds the statement kinds of a feature the default leaves out.
 */
export type PropertyProfile = 'default' | 'tracemalloc' | 'fork';

/**
 * The statistics' required minimum: the share of programs with at least one statement that exercised
 * the invariant (properties/lockstep/exercise.ts), about a third of the share measured; or none, with
 * the reason an unreached invariant is acceptable.
 */
export type InvariantMinimum =
  | { readonly profile: PropertyProfile; readonly percentOfPrograms: number; readonly measured: string }
  | { readonly none: string };

export interface InvariantEntry<Name extends string = string> {
  /** Kebab-case: the name divergences, findings, statistics and planted bugs report. */
  readonly name: Name;
  /** What must hold, in a sentence or two. */
  readonly statement: string;
  readonly layer: InvariantLayer;
  readonly level: ContractLevel;
  /** The parts of pymem that report a violation under this name (checkers.ts). */
  readonly checkers: readonly CheckerName[];
  /** The situation that counts as exercising the invariant in a statement (exercise.ts counts it). */
  readonly exercisedWhen: string;
  readonly minimum: InvariantMinimum;
}
