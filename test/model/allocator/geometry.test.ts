/* Size classes, blocks per pool and accepted geometries (docs/cpython-3.11.md#pymalloc-constants). */
import { describe, expect, it } from 'vitest';
import {
  AllocatorModel,
  blockSizeOfClass,
  blocksPerPool,
  geometryProblem,
  poolsPerArena,
  quantizationPerPool,
  sizeClassOf,
} from '../../../model/allocator/index.js';
import { CPY, SMALL } from './helpers.js';

describe('size classes', () => {
  it('idx = (n - 1) >> 4 at every boundary; 0 and > 512 are not small', () => {
    expect(sizeClassOf(0)).toBeNull();
    expect(sizeClassOf(1)).toBe(0);
    expect(sizeClassOf(16)).toBe(0);
    expect(sizeClassOf(17)).toBe(1);
    expect(sizeClassOf(32)).toBe(1);
    expect(sizeClassOf(33)).toBe(2);
    expect(sizeClassOf(456)).toBe(28); // (455 >> 4) = 28
    expect(sizeClassOf(497)).toBe(31);
    expect(sizeClassOf(512)).toBe(31);
    expect(sizeClassOf(513)).toBeNull();
    expect(sizeClassOf(100000)).toBeNull();
  });

  it('block size 16(idx + 1)', () => {
    expect(blockSizeOfClass(0)).toBe(16);
    expect(blockSizeOfClass(1)).toBe(32);
    expect(blockSizeOfClass(28)).toBe(464);
    expect(blockSizeOfClass(31)).toBe(512);
  });

  it('blocks per pool at 16 KiB = 16336 // size, as sys._debugmallocstats() shows them', () => {
    const table = [1021, 510, 340, 255, 204, 170, 145, 127, 113, 102, 92, 85, 78, 72, 68, 63,
      60, 56, 53, 51, 48, 46, 44, 42, 40, 39, 37, 36, 35, 34, 32, 31];
    expect(Array.from({ length: 32 }, (_, i) => blocksPerPool(CPY, i))).toEqual(table);
    expect(quantizationPerPool(CPY, 14)).toBe(16); // 240-byte blocks: 16336 - 68*240 = 16
  });

  it('blocks per pool at 1 KiB = 976 // size', () => {
    expect(blocksPerPool(SMALL, 0)).toBe(61); // 976 / 16
    expect(blocksPerPool(SMALL, 19)).toBe(3); // 976 // 320
    expect(blocksPerPool(SMALL, 28)).toBe(2); // 976 // 464
    expect(blocksPerPool(SMALL, 29)).toBe(2); // 976 // 480
    expect(blocksPerPool(SMALL, 30)).toBe(1); // 976 // 496
    expect(blocksPerPool(SMALL, 31)).toBe(1); // 976 // 512
    expect(quantizationPerPool(SMALL, 28)).toBe(48); // 976 - 2*464
  });

  it('pools per arena = A / P', () => {
    expect(poolsPerArena(CPY)).toBe(64);
    expect(poolsPerArena(SMALL)).toBe(4);
  });
});

describe('geometry', () => {
  it('accepts CPython and scaled-down geometries', () => {
    expect(geometryProblem(CPY)).toBeNull();
    expect(geometryProblem(SMALL)).toBeNull();
    expect(geometryProblem({ poolSize: 1024, arenaSize: 2048 })).toBeNull();
    expect(geometryProblem({ poolSize: 4096, arenaSize: 1 << 18 })).toBeNull();
  });

  it('rejects pools below 1 KiB, non powers of two and arenas of fewer than 2 pools', () => {
    expect(geometryProblem({ poolSize: 512, arenaSize: 4096 })).toMatch(/pool size/);
    expect(geometryProblem({ poolSize: 1000, arenaSize: 4000 })).toMatch(/pool size/);
    expect(geometryProblem({ poolSize: 1024, arenaSize: 3072 })).toMatch(/arena size/);
    expect(geometryProblem({ poolSize: 1024, arenaSize: 1024 })).toMatch(/at least 2 pools/);
    expect(geometryProblem({ poolSize: 1024, arenaSize: 2 ** 31 })).toMatch(/arena size/);
    expect(() => new AllocatorModel({ poolSize: 1024, arenaSize: 1024 })).toThrow(RangeError);
  });

  it('defaults to the CPython geometry', () => {
    expect(new AllocatorModel().geometry).toEqual(CPY);
  });
});
