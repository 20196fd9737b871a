/*
 * checkAllocatorInvariants: [] on long random call sequences (seeded fast-check), and each named
 * invariant caught on a deliberately corrupted state.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AllocatorModel,
  checkAllocatorInvariants,
  findAllocatorViolations,
} from '../../../model/allocator/index.js';
import type { AllocatorGeometry } from '../../../language/ast.js';
import { B, CPY, SMALL, mallocMany } from './helpers.js';

type Op =
  | { op: 'malloc'; size: number }
  | { op: 'free'; pick: number }
  | { op: 'realloc'; pick: number; size: number };

const size = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 512 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 16, 17, 456, 464, 496, 512, 513) },
  { weight: 1, arbitrary: fc.integer({ min: 513, max: 5000 }) },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('malloc' as const), size }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('free' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('realloc' as const), pick: fc.nat(), size }) },
);
const geometry: fc.Arbitrary<AllocatorGeometry> = fc.constantFrom(
  SMALL,
  { poolSize: 1024, arenaSize: 2048 },
  { poolSize: 2048, arenaSize: 8192 },
  { poolSize: 4096, arenaSize: 65536 },
  CPY,
);

/** Replay ops; check every invariant after every call and that no live address is handed out twice. */
function replay(g: AllocatorGeometry, ops: Op[]): void {
  const m = new AllocatorModel(g);
  const live: number[] = [];
  for (const o of ops) {
    if (o.op === 'malloc') {
      const a = m.malloc(o.size);
      expect(live).not.toContain(a);
      live.push(a);
    } else if (live.length > 0) {
      const i = o.pick % live.length;
      const p = live[i];
      if (o.op === 'free') {
        m.free(p);
        live.splice(i, 1);
      } else {
        const a = m.realloc(p, o.size);
        if (a !== p) expect(live).not.toContain(a);
        live[i] = a;
      }
    }
    const bad = findAllocatorViolations(m);
    if (bad.length > 0) throw new Error(`${JSON.stringify(o)}: ${bad.map((v) => `${v.invariant}: ${v.message}`).join('; ')}`);
  }
  expect(m.allocatedBlocks()).toBe(live.length);
  for (const p of live) m.free(p);
  expect(checkAllocatorInvariants(m)).toEqual([]);
  const s = m.stats();
  expect([s.blocksInUse, s.rawBlocks, s.poolsInUse]).toEqual([0, 0, 0]);
  expect(s.arenasCurrent).toBeLessThanOrEqual(1); // everything freed: at most the kept last arena
}

describe('invariants hold on random call sequences', () => {
  it('seeded fast-check, several geometries', () => {
    fc.assert(
      fc.property(geometry, fc.array(op, { minLength: 50, maxLength: 400 }), (g, ops) => replay(g, ops)),
      { seed: 20240611, numRuns: 60 },
    );
  });

  it('one long sequence at the small geometry (arenas come and go)', () => {
    const [ops] = fc.sample(fc.array(op, { minLength: 3000, maxLength: 3000 }), { seed: 7, numRuns: 1 });
    replay(SMALL, ops);
  });
});

describe('invariants catch a corrupted state', () => {
  /** Arena 0: pool 0 of class 0 with 3 blocks, pool 1 full of 464-byte blocks; a raw block. */
  function sample() {
    const m = new AllocatorModel(SMALL);
    mallocMany(m, 3, 16);
    mallocMany(m, 2, 456);
    m.malloc(600);
    m.malloc(700);
    expect(checkAllocatorInvariants(m)).toEqual([]);
    return m;
  }

  it('a live block put back on its free list', () => {
    const m = sample();
    m.state.arenas.get(0)!.pools[0].freeList.push(B + 48);
    expect(checkAllocatorInvariants(m)).toContain('pool-state-consistent');
  });

  it('a pool count that does not match its live blocks', () => {
    const m = sample();
    m.state.arenas.get(0)!.pools[0].count++;
    const bad = checkAllocatorInvariants(m);
    expect(bad).toContain('pool-state-consistent');
    expect(bad).toContain('bytes-accounting');
  });

  it('a full pool left on usedpools', () => {
    const m = sample();
    m.state.usedPools[28].push(m.state.arenas.get(0)!.pools[1]);
    expect(checkAllocatorInvariants(m)).toEqual(['pool-state-consistent']);
  });

  it('a block recorded in the wrong pool (class)', () => {
    const m = sample();
    const block = m.state.live.get(B + 48)!;
    if (block.kind !== 'pool') throw new Error('expected a pool block');
    m.state.live.set(B + 48, { ...block, pool: m.state.arenas.get(0)!.pools[1] });
    expect(checkAllocatorInvariants(m)).toContain('block-in-right-size-class');
  });

  it('overlapping and misaligned blocks', () => {
    const m = sample();
    const raw = [...m.state.live.values()].find((b) => b.kind === 'raw')!;
    if (raw.kind !== 'raw') throw new Error('expected a raw block');
    m.state.live.set(raw.address, { ...raw, raw: { ...raw.raw, capacity: 4096 } });
    expect(checkAllocatorInvariants(m)).toContain('blocks-disjoint-and-aligned');

    const m2 = sample();
    const b = m2.state.live.get(B + 64)!;
    m2.state.live.delete(B + 64);
    m2.state.live.set(B + 72, { ...b, address: B + 72 });
    expect(checkAllocatorInvariants(m2)).toContain('blocks-disjoint-and-aligned');
    expect(checkAllocatorInvariants(m2)).toContain('block-in-right-size-class');
  });

  it('usable_arenas out of order, a full arena kept in it, an empty arena kept in the middle', () => {
    const m = new AllocatorModel(SMALL);
    const blocks = [16, 32, 48, 64].map((n) => m.malloc(n)); // arena 0 full
    m.malloc(80); // arena 1: 3 free pools
    m.free(blocks[0]);
    m.free(blocks[1]); // usable: [a0(2), a1(3)]
    expect(checkAllocatorInvariants(m)).toEqual([]);
    m.state.usableArenas.reverse();
    expect(checkAllocatorInvariants(m)).toEqual(['arena-order-and-release']);

    const m2 = new AllocatorModel(SMALL);
    const b2 = [16, 32, 48, 64].map((n) => m2.malloc(n));
    m2.malloc(80);
    m2.state.usableArenas.unshift(m2.state.arenas.get(0)!); // full arena on the list
    expect(checkAllocatorInvariants(m2)).toEqual(['arena-order-and-release']);
    m2.state.usableArenas.shift();

    // Empty arena 0 behind the allocator's back and pretend it was kept at the head.
    for (const b of b2) m2.free(b); // correctly released
    expect(checkAllocatorInvariants(m2)).toEqual([]);
    const m3 = new AllocatorModel(SMALL);
    const b3 = [16, 32, 48, 64].map((n) => m3.malloc(n));
    m3.malloc(80);
    for (const b of b3.slice(0, 3)) m3.free(b); // [a0(3), a1(3)]
    const pool3 = m3.state.arenas.get(0)!.pools[3];
    m3.state.live.delete(b3[3]);
    pool3.freeList.push(b3[3]);
    pool3.count = 0;
    m3.state.usedPools[3] = [];
    m3.state.arenas.get(0)!.freePools.push(pool3); // arena 0 empty, yet before arena 1
    expect(checkAllocatorInvariants(m3)).toEqual(['arena-order-and-release']);
  });

  it('counters that disagree with the live blocks', () => {
    const m = sample();
    m.state.counters.rawAllocatedBlocks++;
    expect(checkAllocatorInvariants(m)).toEqual(['bytes-accounting']);
    const m2 = sample();
    m2.state.counters.arenasCurrent++;
    expect(checkAllocatorInvariants(m2)).toEqual(['arena-order-and-release']);
  });

  it('a corruption that makes a check throw is still reported by name', () => {
    const m = sample();
    m.state.arenas.get(0)!.pools[0].sizeClass = 99;
    const bad = checkAllocatorInvariants(m);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad).toContain('pool-state-consistent');
  });
});
