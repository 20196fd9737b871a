/*
 * realloc (docs/cpython-3.11.md#realloc): in place when n ≤ S and 4n > 3S; otherwise malloc(n) THEN
 * free(old); raw blocks stay raw. CPY: pool i of arena 0 at B + i*16384.
 */
import { describe, expect, it } from 'vitest';
import { B, CPY, R, SMALL, checkedModel } from './helpers.js';

describe('realloc', () => {
  it('obm.py sequence: 456→400 same, →300 moved, 300→300 same, →600 raw, raw→16 stays raw', () => {
    const m = checkedModel(CPY);
    const p = m.malloc(456); // class 28, S = 464, pool 0
    expect(p).toBe(B + 48);
    expect(m.realloc(p, 400)).toBe(p); // 4*400 = 1600 > 3*464 = 1392 → in place
    expect(m.blockSize(p)).toBe(464);
    const q = m.realloc(p, 300); // 1200 ≤ 1392 → malloc(300): class 18 (304) needs pool 1; then free p
    expect(q).toBe(B + 16384 + 48);
    expect(m.isLive(p)).toBe(false);
    expect(m.realloc(q, 300)).toBe(q); // S = 304: 1200 > 912
    const r = m.realloc(q, 600); // 600 > 304 → malloc(600) is raw: R, capacity 608
    expect(r).toBe(R);
    expect(m.stats().rawBlocks).toBe(1);
    expect(m.realloc(r, 16)).toBe(r); // raw stays raw; 16 fits the capacity 608
    expect(m.blockSize(r)).toBe(608);
    expect(m.realloc(r, 608)).toBe(r);
    expect(m.realloc(r, 1000)).toBe(R + 608); // too big: a new raw block after the first
    const s = m.stats();
    expect([s.rawBlocks, s.blocksInUse, s.allocatedBlocks, s.rawBytes]).toEqual([1, 0, 1, 1008]);
  });

  it('growing past the block size moves to the bigger class', () => {
    const m = checkedModel(CPY);
    const p = m.malloc(16); // B + 48
    expect(m.realloc(p, 17)).toBe(B + 16384 + 48); // class 1: pool 1
    expect(m.realloc(B + 16384 + 48, 513)).toBe(R); // raw
  });

  it('the new block is allocated BEFORE the old one is freed', () => {
    const m = checkedModel(CPY);
    const p = m.malloc(456); // the only block of pool 0
    // malloc(100) (class 6) runs while pool 0 is still in use → carves pool 1.
    // Freeing first would have emptied pool 0 and handed it out again at B + 48.
    expect(m.realloc(p, 100)).toBe(B + 16384 + 48);
    expect(m.stats().emptyPools).toBe(1); // pool 0, emptied by the free that followed
  });

  it('shrinking a 16-byte block past the 25 % rule moves it within class 0', () => {
    const m = checkedModel(CPY);
    const p = m.malloc(16); // B + 48
    expect(m.realloc(p, 13)).toBe(p); // 52 > 48 → in place
    expect(m.realloc(p, 12)).toBe(B + 64); // 48 ≤ 48 → malloc(12) = B + 64 first, then free(B + 48)
    expect(m.malloc(16)).toBe(B + 48); // the block just freed
  });

  it('realloc to 0 bytes moves a pymalloc block to a raw malloc(1)', () => {
    const m = checkedModel(CPY);
    const p = m.malloc(16);
    const q = m.realloc(p, 0); // 4*0 ≤ 3*16 → malloc(0) → raw, capacity 16
    expect(q).toBe(R);
    expect(m.blockSize(q)).toBe(16);
    expect(m.realloc(q, 0)).toBe(q); // raw realloc(0) = realloc(1): fits
    const s = m.stats();
    expect([s.rawBlocks, s.blocksInUse]).toEqual([1, 0]);
  });

  it('realloc(NULL, n) is malloc(n)', () => {
    const m = checkedModel(SMALL);
    expect(m.realloc(0, 24)).toBe(B + 48); // class 1, pool 0
    expect(m.realloc(0, 0)).toBe(R);
  });

  it('small geometry: 456 → 400 in place, → 300 to the next pool', () => {
    const m = checkedModel(SMALL);
    const p = m.malloc(456); // B + 48
    expect(m.realloc(p, 400)).toBe(p);
    expect(m.realloc(p, 300)).toBe(B + 1024 + 48); // pool 1 (pool 0 still holds p during malloc)
  });
});
