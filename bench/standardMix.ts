/*
 * The standard mix: 1,000,000 statements over 256 root slots from a fixed seed — 40%
 * `slot_i = Obj()`, 40% `slot_i.a = slot_j` (when both are set), 15% `slot_i.b = slot_i`, 5%
 * `slot_i = None` — with automatic collection on at the default thresholds. The same operation list
 * drives pymem's implementation (pre-parsed statements, no I/O) and CPython (a native loop over the
 * operations, built before its timer starts), so both run exactly the same program.
 */
import seedrandom from 'seedrandom';
import type { Statement } from '../language/ast.js';

export const MIX_SLOTS = 256;
export const MIX_STATEMENTS = 1_000_000;
export const MIX_SEED = 'pymem-standard-mix';

/** Operation codes shared with the Python side (bench/cpython.py). */
export const OP_NEW = 0;
export const OP_STORE_A = 1;
export const OP_SELF_B = 2;
export const OP_NONE = 3;

export interface StandardMix {
  /** Triples (op, i, j). */
  operations: Int32Array;
  statements: Statement[];
}

export function standardMix(count = MIX_STATEMENTS, seed = MIX_SEED): StandardMix {
  const rng = seedrandom(seed);
  const operations = new Int32Array(count * 3);
  const statements: Statement[] = new Array(count);
  const isSet = new Uint8Array(MIX_SLOTS);
  const name = Array.from({ length: MIX_SLOTS }, (_, i) => `slot_${i}`);
  for (let k = 0; k < count; k++) {
    const r = rng();
    const i = Math.floor(rng() * MIX_SLOTS);
    const j = Math.floor(rng() * MIX_SLOTS);
    let op: number;
    if (r < 0.4 || !isSet[i]) op = OP_NEW;
    else if (r < 0.8 && isSet[j]) op = OP_STORE_A;
    else if (r < 0.95) op = OP_SELF_B;
    else op = OP_NONE;
    operations.set([op, i, j], k * 3);
    if (op === OP_NEW) {
      statements[k] = { kind: 'newInstance', target: name[i], cls: 'Obj' };
      isSet[i] = 1;
    } else if (op === OP_STORE_A) statements[k] = { kind: 'setSlot', target: name[i], slot: 'a', value: name[j] };
    else if (op === OP_SELF_B) statements[k] = { kind: 'setSlot', target: name[i], slot: 'b', value: name[i] };
    else {
      statements[k] = { kind: 'bindNone', target: name[i] };
      isSet[i] = 0;
    }
  }
  return { operations, statements };
}
