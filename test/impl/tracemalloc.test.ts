/*
 * The implementation's tracemalloc table (impl/runtime/tracemalloc.ts) against a plain Map: random
 * malloc / realloc / free / retrace sequences over a few hundred addresses (so probe runs collide,
 * wrap and shift back on deletion), then current, peak and the per-line statistics must match.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tracemalloc } from '../../impl/runtime/tracemalloc.js';

type Op = { op: 'malloc' | 'free' | 'retrace'; slot: number; size: number; line: number } | { op: 'realloc'; slot: number; to: number; size: number; line: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('malloc' as const, 'free' as const, 'retrace' as const), slot: fc.nat(2000), size: fc.nat(600), line: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('realloc' as const), slot: fc.nat(2000), to: fc.nat(2000), size: fc.nat(600), line: fc.integer({ min: 1, max: 40 }) }),
);

/** Addresses like the simulated address space's: 16-aligned, in the arena and raw regions. */
const address = (slot: number) => (slot % 2 === 0 ? 0x7f0000000000 : 0x100000000000) + 16 * slot * 1021;

describe('tracemalloc trace table', () => {
  it('keeps the same traces as a Map, through collisions, growth and deletions', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 1000, maxLength: 3000 }), (ops) => {
        const tm = new Tracemalloc();
        const ref = new Map<number, { size: number; line: number }>();
        let current = 0;
        let peak = 0;
        const add = (a: number, size: number, line: number) => {
          current -= ref.get(a)?.size ?? 0;
          ref.set(a, { size, line });
          current += size;
          peak = Math.max(peak, current);
        };
        for (const o of ops) {
          tm.line = o.line;
          const a = address(o.slot);
          if (o.op === 'malloc') {
            tm.traceMalloc(a, o.size);
            add(a, o.size, o.line);
          } else if (o.op === 'free') {
            tm.traceFree(a);
            current -= ref.get(a)?.size ?? 0;
            ref.delete(a);
          } else if (o.op === 'retrace') {
            tm.retrace(a);
            const t = ref.get(a);
            if (t) t.line = o.line;
          } else if (o.op === 'realloc') {
            const to = address(o.to);
            tm.traceRealloc(a, to, o.size);
            if (to !== a) {
              current -= ref.get(a)?.size ?? 0;
              ref.delete(a);
            }
            add(to, o.size, o.line);
          }
        }
        const byLine = new Map<number, { line: number; size: number; count: number }>();
        for (const { size, line } of ref.values()) {
          const s = byLine.get(line) ?? { line, size: 0, count: 0 };
          s.size += size;
          s.count++;
          byLine.set(line, s);
        }
        expect(tm.statistics(0)).toEqual([...byLine.values()].sort((x, y) => x.line - y.line));
        expect([tm.current, tm.peak]).toEqual([current, peak]);
      }),
      { seed: 9, numRuns: 60 },
    );
  });

  it('leaves the prelude block out of the program lines, not out of current', () => {
    const tm = new Tracemalloc();
    tm.line = 3;
    tm.traceMalloc(0x7f0000000010, 56);
    tm.traceMalloc(0x7f0000000050, 32);
    expect(tm.statistics(0x7f0000000050)).toEqual([{ line: 3, size: 56, count: 1 }]);
    expect(tm.current).toBe(88);
  });
});
