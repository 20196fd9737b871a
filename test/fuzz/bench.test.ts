import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutationFigures } from '../../bench/mutationScore.js';
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

  it('the mutation section reads the last run\'s summary: the score against 90%, what was mutated, when and on which commit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-bench-'));
    try {
      const file = join(dir, 'summary.json');
      expect(mutationFigures(file).notes.join('\n')).toContain('npm run mutation');
      writeFileSync(file, JSON.stringify({
        sample: {
          mode: 'sample', commit: 'abc1234', dirty: false, date: '2026-12-06T22:32:58.304Z', sample: { size: 300, inScope: 2378, seed: 1 },
          runsPerProperty: 200, counts: { killed: 200, timedOut: 10, survived: 30, noCoverage: 0, equivalent: 60, ignored: 148 },
          score: 0.875, target: 0.9, time: { meanMs: 6000, wallMinutes: 22.8 }, load: [6.1, 6.6],
        },
      }));
      const [figure] = mutationFigures(file).figures;
      expect(figure).toMatchObject({ unit: '%', pymem: 87.5, target: '≥ 90%', met: false });
      expect(figure.detail).toMatch(/300 of 2378 mutants.*survived 30, equivalent 60.*2026-12-06 22:32 UTC on abc1234, 22.8 min.*6.0 s per mutant/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
