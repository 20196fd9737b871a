/*
 * A raw block turned into an object, for the shrinker (shrinkProgram.ts): `m = malloc(n)` becomes an
 * object allocation, and the `free(m)` that released the block becomes `del m`, which releases the
 * object. Replacing the `malloc` alone cannot do this: the `free` would be left reading an object and
 * be normalized away, and the block would never be released — the canary's
 * `v0 = malloc(240); free(v0); v0 = malloc(240)` fails only because the block goes back to its pool.
 *
 * Several blocks change at once when they are alike (`blocksToObjects` takes the indices of every
 * `malloc` to convert): pymalloc bugs are about blocks of one size class, and a block turned into an
 * `Obj()` (64 bytes) while its twin stays `malloc(240)` is in another class. The shrinker offers the
 * same object kind to every `malloc` of one size together, then to each alone, and keeps a candidate
 * only when it still fails the same way — this is a candidate, never an equivalence.
 *
 * A `realloc` of the block, or a rebinding of its name, ends the search for its `free`: from there the
 * name holds something else (the normalizer drops a `realloc` of an object).
 */
import type { Statement } from '../../language/ast.js';

export type ObjectSpelling = 'list' | 'instance' | 'bytes';

/** The smallest `bytes(n)` whose object needs as many bytes as `malloc(size)` (33 + n, at least 2). */
const bytesFor = (size: number) => Math.max(2, size - 33);

function objectFor(target: string, size: number, spelling: ObjectSpelling): Statement {
  switch (spelling) {
    case 'list':
      return { kind: 'newList', target, items: [] };
    case 'instance':
      return { kind: 'newInstance', target, cls: 'Obj' };
    case 'bytes':
      return { kind: 'newBytes', target, size: bytesFor(size) };
  }
}

/** The program with the `malloc` statements at `indices` turned into `spelling`, their frees into `del`; null if one is no `malloc`. */
export function blocksToObjects(statements: readonly Statement[], indices: readonly number[], spelling: ObjectSpelling): Statement[] | null {
  const out = [...statements];
  for (const index of indices) {
    const s = statements[index];
    if (s.kind !== 'malloc') return null;
    out[index] = objectFor(s.target, s.size, spelling);
    for (let k = index + 1; k < statements.length; k++) {
      const later = statements[k];
      if (later.kind === 'free' && later.block === s.target) {
        out[k] = { kind: 'del', names: [s.target] };
        break;
      }
      if ((later.kind === 'realloc' && later.block === s.target) || ('target' in later && later.target === s.target && later.kind !== 'setSlot')) break;
      if (later.kind === 'del' && later.names.includes(s.target)) break;
    }
  }
  return out;
}
