/*
 * A planted bug: one realistic defect of the implementation, written as a search/replace patch on one
 * compiled file, with the invariant the lockstep check must report for it and the smallest program
 * (written by hand) that exposes it. The catalog (catalog.ts) lists them; loadVariant.ts builds them.
 */
import type { CPythonVersion, StatementKind } from '../language/ast.js';
import type { Invariant } from '../properties/invariants/catalogue.js';
import type { ContractLevel } from '../contract/declaration.js';

export interface PlantedBug {
  /** Kebab-case, unique: names the variant in test output and temporary directories. */
  name: string;
  /** The mistake, as a developer would have made it, and what it breaks. */
  description: string;
  /** The compiled file to patch, relative to dist/ (for example 'impl/runtime/freelists.js'). */
  file: string;
  /** A short expression or line of that file; must occur exactly once. */
  search: string;
  replace: string;
  /** The invariant the suite must report (properties/invariants/catalogue.ts). */
  invariant: Invariant;
  /** The hand-written minimal program (pymem's language) that exposes the bug. */
  minimal: string;
  /**
   * The statement kinds the hunt draws from, for a bug in a feature the default swarm leaves out
   * (tracemalloc, fork): the kinds of the property file that covers it. Default: the standard generator's.
   */
  kinds?: readonly StatementKind[];
  /**
   * The weakest contract level whose check catches the minimal program (docs/contract-levels.md), when it
   * is stricter than the invariant's level, and why: a CPython detail of an invariant a weaker level
   * promises only in its general form (which objects one collection takes in is the engine's business
   * below `cpython`, and its order below `refcount`). Default: the invariant's level.
   */
  caughtAt?: { level: ContractLevel; because: string };
  /**
   * The version profile the hunt runs under, for a bug in a rule only that profile has (its minimal
   * program says so in its header too): under 3.11 the bug shows nowhere. Default: 3.11.
   */
  cpython?: CPythonVersion;
}
