/*
 * Canonical names, so that the same bug shrinks to the same text whatever names the generator drew.
 *
 * Every program name becomes `v0`, `v1`, … in the order names are first bound. Raw-block names are
 * renamed the same way (not `m0`, `m1`): a name may hold a raw block at one point and an object at
 * another, so a prefix by kind would not be well defined. In a valid program a name is always bound
 * before it is read; for an invalid one, names are numbered in the order they are first met,
 * operands before the target as Python evaluates them. Locations are dropped (columns move).
 */
import type { Statement } from './ast.js';
import { mapNames, operandNames, targetName } from './operands.js';

export function renameCanonically(stmts: Statement[]): Statement[] {
  const canonical = new Map<string, string>();
  const meet = (name: string) => {
    if (!canonical.has(name)) canonical.set(name, `v${canonical.size}`);
  };
  for (const s of stmts) {
    operandNames(s).forEach(meet);
    const target = targetName(s);
    if (target !== null) meet(target);
  }
  return stmts.map((s) => mapNames(s, (name) => canonical.get(name)!));
}
