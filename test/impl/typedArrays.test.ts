import { describe, expect, it } from 'vitest';
import { doubledPast, grownTo } from '../../impl/typedArrays.js';

describe('growing a table', () => {
  it('keeps the type and the old contents first, and fills only the new tail', () => {
    const grown = grownTo(Int32Array.of(5, -7, 9), 6, -1);
    expect(grown).toBeInstanceOf(Int32Array);
    expect([...grown]).toEqual([5, -7, 9, -1, -1, -1]);
    expect([...grownTo(Uint16Array.of(3), 3)]).toEqual([3, 0, 0]);
    expect(grownTo(Float64Array.of(0.5), 2)[0]).toBe(0.5);
  });

  it('doubles until the index fits', () => {
    expect([doubledPast(4, 3), doubledPast(4, 4), doubledPast(4, 17), doubledPast(0, 0)]).toEqual([4, 8, 32, 1]);
  });
});
