import { describe, expect, it } from 'vitest';
import { QUICK_SIZES, formatBench, runBench } from '../../bench/runBench.js';
import { plantedBugFigures } from '../../bench/plantedBugs.js';
import { CANARY } from '../../plantedBugs/canary.js';
import { plantedBug } from '../../plantedBugs/catalog.js';

// Benchmarks print numbers; this only checks that every figure of bench/README.md is produced (never its value).
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
    expect(result.notes.join('\n')).toContain('pymem bench --only planted');
  }, 120_000);

  it('--only runs just the sections named', () => {
    const result = runBench(QUICK_SIZES, undefined, ['scale']);
    expect(result.figures.map((f) => f.name)).toEqual([
      'memory per object at 50,000 live objects', 'full collection at 50,000 live objects',
    ]);
  });

  it('the planted-bug section reports each bug found, its shrunk size, its bugs and findings, and the share with one bug and one text', async () => {
    // Two bugs the first programs find (the whole catalog runs in test/plantedBugs/plantedBugs.test.ts).
    const bugs = [plantedBug(CANARY), plantedBug('count1-not-incremented')];
    const figures = await plantedBugFigures(1, undefined, bugs);
    expect(figures.map((f) => f.name)).toEqual([...bugs.map((b) => `planted bug ${b.name}`), 'planted bugs: one bug and one shrunk text']);
    for (const f of figures.slice(0, -1)) {
      expect(f.detail).toMatch(/^found with 1\/1 seeds .*; shrunk to \d+ statements .* vs \d+ hand-minimal; bugs \d+, findings \d+ per seed; shrunk text identical across seeds: (yes|no)$/);
      expect(f.ratio).toBeGreaterThan(0);
    }
    expect(figures.at(-1)!.detail).toMatch(/^\d\/2 planted bugs gave one bug .* shrink evaluations in all \([\d,]+ the findings' own, [\d,]+ their witnesses'\)$/);
  }, 120_000);
});
