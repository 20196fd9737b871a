import { describe, expect, it } from 'vitest';
import { QUICK_SIZES, formatBench, runBench } from '../../fuzz/bench/runBench.js';

// Benchmarks print numbers; this only checks that every figure of SPEC §8 is produced (never its value).
describe('pymem bench --quick', () => {
  it('produces every figure with its target, and the same collections as CPython on the mix', () => {
    const result = runBench(QUICK_SIZES);
    const names = result.figures.map((f) => f.name);
    expect(names.some((n) => n.startsWith('implementation throughput'))).toBe(true);
    expect(names.filter((n) => n.startsWith('full collection')).length).toBe(3);
    expect(names.some((n) => n.startsWith('memory per object'))).toBe(true);
    expect(names.some((n) => n.startsWith('checked throughput'))).toBe(true);
    for (const f of result.figures) expect(Number.isFinite(f.pymem)).toBe(true);
    const mix = result.figures[0];
    if (mix.anchor !== undefined) expect(mix.detail).toMatch(/pymem (\S+), CPython \1$/);
    expect(formatBench(result)).toContain('target');
  }, 120_000);
});
