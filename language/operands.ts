/*
 * The names a statement reads and the name it binds.
 *
 * The validator, the normalizer and the renamer all need to know where names occur without caring
 * what the statement does, so this is the one place that knows each statement's name positions.
 * Operands are listed in source order, which is also the order of `loc.operandCols`: for
 * `x.a = y` that is [x, y], for `del x, y` it is [x, y]. A statement's target (the name it binds)
 * is not an operand; a mutated container or instance is.
 */
import type { Statement } from './ast.js';

export function operandNames(s: Statement): string[] {
  switch (s.kind) {
    case 'newList':
    case 'newTuple':
      return [...s.items];
    case 'newDict':
      return s.entries.map(([, value]) => value);
    case 'rebind':
      return [s.source];
    case 'newWeakref':
      return [s.referent];
    case 'realloc':
    case 'free':
      return [s.block];
    case 'del':
      return [...s.names];
    case 'append':
      return [s.list, s.item];
    case 'pop':
    case 'clear':
    case 'delItem':
      return [s.container];
    case 'setItem':
      return [s.container, s.value];
    case 'setSlot':
      return [s.target, s.value];
    case 'delSlot':
      return [s.target];
    default:
      return [];
  }
}

/** The name the statement binds, or null (mutations, `del` and the gc/tracemalloc calls bind none). */
export function targetName(s: Statement): string | null {
  switch (s.kind) {
    case 'newList':
    case 'newDict':
    case 'newTuple':
    case 'newInstance':
    case 'newBytes':
    case 'bindNone':
    case 'rebind':
    case 'newWeakref':
    case 'malloc':
    case 'realloc':
      return s.target;
    default:
      return null;
  }
}

/**
 * A copy of `s` with every name (target and operands) passed through `rename`. `loc` is dropped:
 * renaming moves columns.
 */
export function mapNames(s: Statement, rename: (name: string) => string): Statement {
  const { loc: _loc, ...rest } = s;
  const t = { ...rest } as Statement;
  switch (t.kind) {
    case 'newList':
    case 'newTuple':
      return { ...t, target: rename(t.target), items: t.items.map(rename) };
    case 'newDict':
      return { ...t, target: rename(t.target), entries: t.entries.map(([k, v]) => [k, rename(v)]) };
    case 'newInstance':
    case 'newBytes':
    case 'bindNone':
    case 'malloc':
      return { ...t, target: rename(t.target) };
    case 'rebind':
      return { ...t, target: rename(t.target), source: rename(t.source) };
    case 'newWeakref':
      return { ...t, target: rename(t.target), referent: rename(t.referent) };
    case 'realloc':
      return { ...t, target: rename(t.target), block: rename(t.block) };
    case 'free':
      return { ...t, block: rename(t.block) };
    case 'del':
      return { ...t, names: t.names.map(rename) };
    case 'append':
      return { ...t, list: rename(t.list), item: rename(t.item) };
    case 'pop':
    case 'clear':
    case 'delItem':
      return { ...t, container: rename(t.container) };
    case 'setItem':
      return { ...t, container: rename(t.container), value: rename(t.value) };
    case 'setSlot':
      return { ...t, target: rename(t.target), value: rename(t.value) };
    case 'delSlot':
      return { ...t, target: rename(t.target) };
    default:
      return t;
  }
}

/**
 * The names bound and not deleted since, walked statement by statement: `visit(i, bound)` before
 * statement i, and once more with i = statements.length after the last, `bound` in order of first
 * binding (a name rebound keeps its place). `bound` is the walk's own list: read it, do not keep it.
 */
export function walkBoundNames(statements: readonly Statement[], visit: (i: number, bound: readonly string[]) => void): void {
  const bound: string[] = [];
  statements.forEach((s, i) => {
    visit(i, bound);
    const t = targetName(s);
    if (t !== null && !bound.includes(t)) bound.push(t);
    if (s.kind === 'del') for (const n of s.names) if (bound.includes(n)) bound.splice(bound.indexOf(n), 1);
  });
  visit(statements.length, bound);
}
