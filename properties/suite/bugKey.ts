/*
 * One root cause, one bug: the key that says two failures are the same bug even when their programs
 * differ (docs/campaign.md, "One bug, one finding"). Hypothesis reports one failure per *origin* (the
 * exception's type and where it was raised); a divergence has no stack, so its origin is what was
 * observed to go wrong, and where:
 *
 *   1. the invariant broken (or `crash` / `hang`);
 *   2. the first diverging observation — the divergence's message with every number, object id and
 *      address masked (`observationOf`): `malloc(56) returned 0x7f…70, the allocator model 0x7f…30` and
 *      `malloc(240) returned …` are one observation, an allocator address; `count (1,0,0), expected
 *      (0,0,0)` is the counts; `list 3 is in generation 1, expected 0` an object's generation. Runs of
 *      masked numbers collapse (`freed 3, 4` and `freed 7` both read `freed N`) so that how many
 *      objects were involved does not split a bug; which side is empty (`finalized [], expected [N]`)
 *      does, being another direction of error;
 *   3. for the object layer, the role of the statement at the divergence (`statementRole`): an
 *      allocation, a release or mutation, a collection, a gc setting, tracemalloc, fork. The role and
 *      not the kind: the shrinker does not always bring two routes to one kind, while a count wrong
 *      after a collection and one wrong after an allocation are two bugs. A divergence in the teardown
 *      takes the role of the teardown statement it happened at (its `del` is a release, its
 *      `gc.collect()` a collection): a collection that forgets to reset a count is one bug whether the
 *      program's own `gc.collect()` or the teardown's shows it. For the allocator layer the observation
 *      names the allocator call itself (`malloc(N) returned …`), and the program statement that made the
 *      call is only the route to it (a list's `append` reallocates its items, so does an explicit
 *      `realloc`): no role. `realloc(NULL, n)` is a `malloc(n)` and reads as one, and so does a realloc
 *      whose returned block is compared with the allocator model's (the block a moving realloc gets is
 *      chosen as a malloc's is).
 *
 * What the key is computed from: a shrunk finding's *witness* (properties/shrink/witness.ts), the
 * canonical program that fails at all shrunk from the finding's own — so one defect that shows under
 * several invariants, whose witnesses are one program, is one bug — else the finding's own failure.
 *
 * The engine's feature counters at the divergence are not part of the key: they name the route
 * (a freelist hit, a carved pool) as much as the rule, and split one bug into as many groups as it has
 * routes. Grouping is a report over findings, never a reason to drop one: every finding stays on file
 * and is listed under its bug.
 */
import type { Statement, StatementKind } from '../../language/ast.js';
import { walkBoundNames } from '../../language/operands.js';
import { isInvariant, invariantEntry } from '../invariants/catalogue.js';
import { teardownStatements } from '../lockstep/teardown.js';

export type StatementRole = 'allocation' | 'release' | 'collection' | 'gc-setting' | 'tracemalloc' | 'fork' | 'teardown';

const ROLES: Record<StatementKind, StatementRole> = {
  newList: 'allocation', newDict: 'allocation', newTuple: 'allocation', newInstance: 'allocation', newBytes: 'allocation',
  newWeakref: 'allocation', malloc: 'allocation', realloc: 'allocation',
  del: 'release', free: 'release', bindNone: 'release', rebind: 'release', append: 'release', pop: 'release', clear: 'release',
  setItem: 'release', delItem: 'release', setSlot: 'release', delSlot: 'release',
  collect: 'collection',
  gcEnable: 'gc-setting', gcDisable: 'gc-setting', setThreshold: 'gc-setting', freeze: 'gc-setting', unfreeze: 'gc-setting',
  setDebug: 'gc-setting', clearGarbage: 'gc-setting', clearRevived: 'gc-setting',
  tracemallocStart: 'tracemalloc', tracemallocStop: 'tracemalloc', fork: 'fork',
};

const ROLE_WORDS: Record<StatementRole, string> = {
  allocation: 'at an allocation', release: 'at a release or mutation', collection: 'at a collection', 'gc-setting': 'at a gc setting',
  tracemalloc: 'at tracemalloc', fork: 'at fork', teardown: 'at teardown',
};

/**
 * The role of the statement the failure was seen at: a program statement (1-based step), or past the
 * end the teardown statement at that step (the lockstep runner numbers the teardown's statements on
 * from the program's); step 0 (a crash, a hang) or past the teardown: the teardown itself.
 */
export function statementRole(statements: readonly Statement[], step: number): StatementRole {
  if (step >= 1 && step <= statements.length) return ROLES[statements[step - 1].kind];
  if (step <= 0) return 'teardown';
  const first = teardownStatements(namesBoundAtEnd(statements) ? ['x'] : []);
  const rest = teardownStatements([]);
  const k = step - statements.length - 1;
  const s = k < first.length ? first[k] : rest[(k - first.length) % rest.length];
  return ROLES[s.kind];
}

function namesBoundAtEnd(statements: readonly Statement[]): boolean {
  let any = false;
  walkBoundNames(statements, (i, bound) => {
    if (i === statements.length) any = bound.length > 0;
  });
  return any;
}

/** The message with numbers, ids and addresses masked; a run of them reads as one. */
export function observationOf(message: string): string {
  return message
    .replace(/^teardown: /, '')
    .replace(/\brealloc\(0x0, (\d+)\)/g, 'malloc($1)')
    .split('; ')[0]
    .replace(/0x[0-9a-f]+/gi, 'A')
    .replace(/-?\b\d+(\.\d+)?\b/g, 'N')
    .replace(/\b([NA])(, ?[NA])+/g, '$1')
    // Which block an allocation returns is one rule whether malloc or a moving realloc asked (the
    // checker compares both alike): a list's `append` that grows its items and an object's allocation
    // reach one free-list bug. realloc-in-place-rule's own message (`…, the model A`) is left as it is.
    .replace(/\brealloc\(A\) returned A, (the allocator model|a block of)/g, 'malloc(N) returned A, $1')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface FailureSite {
  kind: 'divergence' | 'crash' | 'hang';
  invariant: string | null;
  message: string;
  role: StatementRole;
}

export function bugKey(site: FailureSite): string {
  if (site.kind === 'hang') return 'hang';
  // A crash is not pinned to a statement (the worker reports none): its exception is its origin.
  if (site.kind === 'crash') return `crash: ${observationOf(site.message)}`;
  const allocator = site.invariant !== null && isInvariant(site.invariant) && invariantEntry(site.invariant).layer === 'allocator';
  const where = allocator ? '' : ` ${ROLE_WORDS[site.role]}`;
  return `${site.invariant ?? 'divergence'}${where}: ${observationOf(site.message)}`;
}
