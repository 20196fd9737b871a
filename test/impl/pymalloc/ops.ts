/*
 * Random malloc / realloc / free sequences for the pymalloc tests (fast-check arbitraries and a
 * runner). A run draws a small palette of request sizes (swarm testing: few classes fill pools and
 * arenas quickly, so the transitions happen), then operations that refer to the palette and to the
 * live blocks by index modulo their count.
 */
import fc from 'fast-check';

export interface Allocator {
  malloc(n: number): number;
  realloc(address: number, n: number): number;
  free(address: number): void;
}

export type Op =
  | { kind: 'malloc'; size: number }
  | { kind: 'free'; pick: number }
  | { kind: 'realloc'; pick: number; size: number }
  /** n mallocs of one size */
  | { kind: 'burst'; size: number; n: number }
  /** free n live blocks, the oldest first or the newest first */
  | { kind: 'drain'; n: number; newest: boolean };

export interface Scenario {
  sizes: number[];
  ops: Op[];
}

const sizeArb = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 512 }), weight: 12 },
  { arbitrary: fc.constantFrom(16, 456, 464, 488, 496, 512), weight: 4 },
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 513, max: 4000 }), weight: 1 },
);

export function scenarioArb(maxOps: number, maxBurst: number): fc.Arbitrary<Scenario> {
  return fc.array(sizeArb, { minLength: 1, maxLength: 5, size: 'max' }).chain((sizes) => {
    const s = fc.nat({ max: sizes.length - 1 }).map((i) => sizes[i]);
    const op: fc.Arbitrary<Op> = fc.oneof(
      { arbitrary: s.map((size): Op => ({ kind: 'malloc', size })), weight: 6 },
      { arbitrary: fc.nat().map((pick): Op => ({ kind: 'free', pick })), weight: 5 },
      { arbitrary: fc.tuple(fc.nat(), fc.oneof(s, sizeArb)).map(([pick, size]): Op => ({ kind: 'realloc', pick, size })), weight: 2 },
      { arbitrary: fc.tuple(s, fc.integer({ min: 1, max: maxBurst })).map(([size, n]): Op => ({ kind: 'burst', size, n })), weight: 1 },
      { arbitrary: fc.tuple(fc.integer({ min: 1, max: maxBurst }), fc.boolean()).map(([n, newest]): Op => ({ kind: 'drain', n, newest })), weight: 1 },
    );
    return fc.record({ sizes: fc.constant(sizes), ops: fc.array(op, { minLength: 1, maxLength: maxOps, size: 'max' }) });
  });
}

/**
 * Run the operations on one or more allocators in lockstep (the same picks), calling `after`
 * after every operation with the live addresses of the first allocator. Throws when the
 * allocators return different addresses.
 */
export function runOps(allocators: Allocator[], ops: Op[], after: (live: number[], step: number, op: Op) => void): void {
  const live: number[] = [];
  const call = (f: (a: Allocator) => number, what: string): number => {
    const results = allocators.map(f);
    for (let i = 1; i < results.length; i++) {
      if (results[i] !== results[0]) {
        throw new Error(`${what}: allocator 0 returned 0x${results[0].toString(16)}, allocator ${i} returned 0x${results[i].toString(16)}`);
      }
    }
    return results[0];
  };
  ops.forEach((op, step) => {
    switch (op.kind) {
      case 'malloc':
        live.push(call((a) => a.malloc(op.size), `step ${step} malloc(${op.size})`));
        break;
      case 'burst':
        for (let i = 0; i < op.n; i++) live.push(call((a) => a.malloc(op.size), `step ${step} malloc(${op.size}) #${i}`));
        break;
      case 'free': {
        if (live.length === 0) break;
        const i = op.pick % live.length;
        const address = live[i];
        live[i] = live[live.length - 1];
        live.pop();
        for (const a of allocators) a.free(address);
        break;
      }
      case 'drain': {
        const n = Math.min(op.n, live.length);
        const gone = op.newest ? live.splice(live.length - n, n).reverse() : live.splice(0, n);
        for (const address of gone) for (const a of allocators) a.free(address);
        break;
      }
      case 'realloc': {
        if (live.length === 0) break;
        const i = op.pick % live.length;
        const address = live[i];
        live[i] = call((a) => a.realloc(address, op.size), `step ${step} realloc(0x${address.toString(16)}, ${op.size})`);
        break;
      }
    }
    after(live, step, op);
  });
}

/** A small deterministic PRNG (mulberry32) for long sequences outside fast-check. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A long random sequence with phases of growth and shrinkage, from a seed. */
export function longOps(seed: number, length: number, sizes: number[]): Op[] {
  const r = prng(seed);
  const ops: Op[] = [];
  for (let i = 0; i < length; i++) {
    const phase = Math.floor(i / 500) % 2 === 0 ? 0.65 : 0.35; // grow, then shrink
    const x = r();
    const size = r() < 0.05 ? Math.floor(r() * 1200) : sizes[Math.floor(r() * sizes.length)];
    if (x < phase) ops.push({ kind: 'malloc', size });
    else if (x < 0.9) ops.push({ kind: 'free', pick: Math.floor(r() * 1e9) });
    else ops.push({ kind: 'realloc', pick: Math.floor(r() * 1e9), size });
  }
  return ops;
}
