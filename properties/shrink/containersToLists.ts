/*
 * An instance or a dict turned into a list, with the statements that fill and empty it, for the
 * shrinker (shrinkProgram.ts). The collector's bugs are reached through any container that can make
 * a cycle: `x = Obj(); x.a = x`, `x = {}; x['k'] = x` and `x = []; x.append(x)` are one garbage cycle
 * to the collector, and the shrinker should print them one way — the list, the lowest kind
 * (programOrder.ts). Replacing `x = Obj()` alone cannot get there: `x.a = x` would be left reading a
 * list and be normalized away, and the cycle with it.
 *
 * So the binding becomes `x = []` (an instance) or `x = [values…]` (a dict literal), and until x is
 * bound again or deleted its stores become appends (`x.a = y`, `x['k'] = y` → `x.append(y)`) and its
 * removals pops (`del x.a`, `del x['k']`, `x.pop('k')` → `x.pop()`). A store that overwrites a slot or
 * a key, or a removal of another slot than the last stored, means something else for a list: this is a
 * candidate, kept only when the program still fails the same way.
 */
import type { Statement } from '../../language/ast.js';
import { targetName } from '../../language/operands.js';

/** The program with the container bound at `index` turned into a list; null if it binds no instance or dict. */
export function containerToList(statements: readonly Statement[], index: number): Statement[] | null {
  const s = statements[index];
  if (s.kind !== 'newInstance' && s.kind !== 'newDict') return null;
  const name = s.target;
  const out = [...statements];
  out[index] = { kind: 'newList', target: name, items: s.kind === 'newDict' ? s.entries.map(([, v]) => v) : [] };
  for (let k = index + 1; k < statements.length; k++) {
    const later = statements[k];
    if ((later.kind === 'setSlot' && later.target === name) || (later.kind === 'setItem' && later.container === name)) {
      out[k] = { kind: 'append', list: name, item: later.value };
    } else if ((later.kind === 'delSlot' && later.target === name) || (later.kind === 'delItem' && later.container === name) ||
      (later.kind === 'pop' && later.container === name)) {
      out[k] = { kind: 'pop', container: name, index: null };
    }
    // Bound again or deleted: from here the name is something else.
    if (targetName(later) === name || (later.kind === 'del' && later.names.includes(name))) break;
  }
  return out;
}
