/*
 * An experiment on CPython 3.11.7 (200 consecutive PyObject_Malloc(456) through ctypes), replayed on the
 * model at the CPython geometry. In the experiment
 * the first 24 blocks came from a class-28 pool that was already partly used; here the same
 * situation is set up by hand: 11 blocks already taken from pool 0, and pool 1 given to another
 * class so that the fresh pools (2, 3, …) are not adjacent to pool 0.
 */
import { describe, expect, it } from 'vitest';
import { B, CPY, checkedModel, mallocMany } from './helpers.js';

describe('as in CPython: 200 consecutive malloc(456)', () => {
  it('stride 464, 608 at each pool boundary, offset 48 every 35 allocations', () => {
    const m = checkedModel(CPY);
    mallocMany(m, 11, 456); // pool 0 blocks 0..10 (35 - 11 = 24 left)
    expect(m.malloc(16)).toBe(B + 16384 + 48); // pool 1 goes to class 0
    const addrs = mallocMany(m, 200, 456);

    // i < 24: pool 0, block 11 + i; then pool 2 + ⌊j/35⌋, block j mod 35, with j = i − 24
    addrs.forEach((a, i) => {
      const expected = i < 24
        ? B + 48 + (11 + i) * 464
        : B + (2 + Math.floor((i - 24) / 35)) * 16384 + 48 + ((i - 24) % 35) * 464;
      expect(a).toBe(expected);
    });

    const diffs = addrs.slice(1).map((a, i) => a - addrs[i]);
    const tally = new Map<number, number>();
    for (const d of diffs) tally.set(d, (tally.get(d) ?? 0) + 1);
    // one jump from pool 0's last block (15824) to pool 2's first: 2*16384 + 48 − 15824 = 16992
    expect([...tally.entries()].sort((a, b) => a[0] - b[0])).toEqual([[464, 193], [608, 5], [16992, 1]]);

    const atOffset48 = addrs.flatMap((a, i) => ((a - B) % 16384 === 48 ? [i] : []));
    expect(atOffset48).toEqual([24, 59, 94, 129, 164, 199]);

    const freshBases = atOffset48.map((i) => addrs[i] - 48);
    expect(freshBases.slice(1).map((b, i) => b - freshBases[i])).toEqual([16384, 16384, 16384, 16384, 16384]);
    expect(addrs.slice(24, 29).map((a) => (a - B) % 16384)).toEqual([48, 512, 976, 1440, 1904]);
    expect((addrs[58] - B) % 16384).toBe(15824);
  });

  it('obm2.py: when the class still has a partly used pool, an emptied pool is not used', () => {
    const m = checkedModel(CPY);
    const first = mallocMany(m, 35, 456); // pool 0 full
    const second = m.malloc(456); // pool 1, partly used
    expect(second).toBe(B + 16384 + 48);
    first.forEach((b) => m.free(b)); // pool 0: full → front of usedpools, … → empty
    expect(m.malloc(456)).toBe(B + 16384 + 48 + 464); // from pool 1, the remaining used pool
  });
});
