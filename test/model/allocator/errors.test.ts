/* Bad calls throw a clear error and leave the state as it was. NULL is fine, as in CPython. */
import { describe, expect, it } from 'vitest';
import { AllocatorMisuseError, checkAllocatorInvariants } from '../../../model/allocator/index.js';
import { B, R, SMALL, checkedModel } from './helpers.js';

describe('misuse', () => {
  it('double free, free of a never-allocated or interior address, realloc of a freed block', () => {
    const m = checkedModel(SMALL);
    const p = m.malloc(16);
    const r = m.malloc(1000);
    m.free(p);
    const before = JSON.stringify(m.stats());
    expect(() => m.free(p)).toThrow(/double free/);
    expect(() => m.free(p)).toThrow(AllocatorMisuseError);
    expect(() => m.free(B + 4096 + 48)).toThrow(/not the address of an allocated block/);
    expect(() => m.free(r + 16)).toThrow(/0x100000000010.*not the address/);
    expect(() => m.realloc(p, 20)).toThrow(/realloc\(0x7f0000000030\): double free/);
    expect(() => m.blockSize(p)).toThrow(AllocatorMisuseError);
    m.free(r);
    expect(() => m.free(R)).toThrow(/double free/);
    expect(JSON.stringify({ ...m.stats(), rawBlocks: 1, rawBytes: 1008, allocatedBlocks: 1 })).toBe(before);
    expect(checkAllocatorInvariants(m)).toEqual([]);
  });

  it('a freed address handed out again is live again', () => {
    const m = checkedModel(SMALL);
    const p = m.malloc(16);
    m.free(p);
    expect(m.malloc(16)).toBe(p);
    m.free(p);
  });

  it('sizes must be non-negative integers', () => {
    const m = checkedModel(SMALL);
    for (const n of [-1, 1.5, Number.NaN, Infinity]) {
      expect(() => m.malloc(n)).toThrow(/size must be a non-negative integer/);
    }
    const p = m.malloc(16);
    expect(() => m.realloc(p, -5)).toThrow(AllocatorMisuseError);
    expect(m.stats().allocatedBlocks).toBe(1);
  });

  it('free(NULL) does nothing', () => {
    const m = checkedModel(SMALL);
    m.free(0);
    expect(m.stats().allocatedBlocks).toBe(0);
  });
});
