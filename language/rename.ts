/*
 * Canonical names, so that the same bug shrinks to the same text whatever names the generator drew.
 *
 * `renameCanonically`: every program name becomes `v0`, `v1`, … in the order names are first bound.
 * Raw-block names are renamed the same way (not `m0`, `m1`): a name may hold a raw block at one point
 * and an object at another, so a prefix by kind would not be well defined. In a valid program a name
 * is always bound before it is read; for an invalid one, names are numbered in the order they are
 * first met, operands before the target as Python evaluates them. Locations are dropped (columns move).
 *
 * `renameLiveRanges`, the shrinker's: the same, but per *live range* rather than per name. A name
 * bound while it is unbound (first, or after `del`) starts a new range and gets the next number; a
 * name bound while it is bound (a rebinding, which drops the old value) keeps its range's number.
 * So `del v0` then `v0 = []` and `del v0` then `v1 = []` — the same program, for everything but the
 * name — print the same: `v1 = []`. A `del` ends the ranges it names.
 *
 * `renameKeys`, the shrinker's too: dict keys become `a`, `b`, … in the order they first appear in the
 * program (one mapping for the whole program, so equal keys stay equal and distinct ones distinct).
 * Which string a key is matters to nothing a program can observe: CPython randomizes string hashes per
 * process, so a key's slot is no more fixed than its spelling.
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

export function renameLiveRanges(stmts: Statement[]): Statement[] {
  const live = new Map<string, string>();
  let next = 0;
  const current = (name: string) => {
    let canonical = live.get(name);
    if (canonical === undefined) live.set(name, (canonical = `v${next++}`));
    return canonical;
  };
  return stmts.map((s) => {
    // Operands first (Python evaluates them before it binds), then the target.
    const operands = new Map(operandNames(s).map((name) => [name, current(name)]));
    const target = targetName(s);
    if (target !== null && !operands.has(target)) current(target);
    const renamed = mapNames(s, (name) => (name === target ? live.get(name)! : operands.get(name)!));
    if (s.kind === 'del') for (const name of s.names) live.delete(name);
    return renamed;
  });
}

/** `a`…`z`, then `k26`, `k27`, …: the n-th canonical dict key. */
const canonicalKey = (n: number) => (n < 26 ? String.fromCharCode(97 + n) : `k${n}`);

export function renameKeys(stmts: Statement[]): Statement[] {
  const keys = new Map<string, string>();
  const key = (k: string) => {
    let canonical = keys.get(k);
    if (canonical === undefined) keys.set(k, (canonical = canonicalKey(keys.size)));
    return canonical;
  };
  return stmts.map((s) => {
    switch (s.kind) {
      case 'newDict':
        return { ...s, entries: s.entries.map(([k, v]) => [key(k), v] as [string, string]) };
      case 'pop':
      case 'setItem':
      case 'delItem':
        return typeof s.index === 'string' ? { ...s, index: key(s.index) } : s;
      default:
        return s;
    }
  });
}
