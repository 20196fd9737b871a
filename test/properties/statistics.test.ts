import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImplEngine, createEngine as createImplEngine } from '../../impl/engine.js';
import type { CreateEngine } from '../../contract/engine.js';
import { INVARIANTS, type Invariant } from '../../properties/invariants/catalogue.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { countBucket, countBucketLabel, featureKeys, featureVector } from '../../properties/statistics/featureKeys.js';
import { checkMinimums, MINIMUM_SAMPLE, minimumsNotMet, REQUIRED_MINIMUMS, RULE_MINIMUMS, TRACEMALLOC_MINIMUMS, FORK_MINIMUMS } from '../../properties/statistics/requiredMinimums.js';
import { ciStatistics } from '../../properties/statistics/ciRun.js';
import { explainShortfalls, statisticsBaseline, type StatisticsBaseline } from '../../properties/statistics/whatMoved.js';
import { GENERATED_KINDS, programArbitrary } from '../../properties/generators/programArbitrary.js';
import { RULE_CATALOGUE } from '../../properties/rules/ruleCatalogue.js';
import { PLANTED_BUGS } from '../../plantedBugs/catalog.js';
import { loadVariant } from '../../plantedBugs/loadVariant.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStatistics } from '../../properties/statistics/runStatistics.js';
import { formatStatistics } from '../../properties/statistics/statisticsReport.js';
import { program } from '../helpers/programs.js';

const BASELINE = JSON.parse(readFileSync(join(import.meta.dirname, 'statisticsBaseline.json'), 'utf8')) as StatisticsBaseline;

const LAZARUS_CYCLE = program('x = Lazarus()\nx.a = x\ndel x\ngc.collect()');
const AUTOMATIC = program('gc.set_threshold(1)\nx = []\ny = []\nz = Obj()\ngc.collect(0)');

/** An engine that reports no feature counters: pymem's implementation without `features`. */
const withoutFeatures: CreateEngine = (p, hooks) => {
  const engine = createImplEngine(p, hooks) as ImplEngine;
  return { execute: (s, o) => engine.execute(s, o), checkHeap: () => engine.checkHeap(), leftovers: () => engine.leftovers() };
};

describe('feature keys', () => {
  it('bucket counts by powers of two, the last from 1024', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 1023, 1024, 1e9].map(countBucket)).toEqual([0, 1, 2, 2, 3, 3, 4, 10, 11, 11]);
    expect([1, 2, 3, 10, 11].map(countBucketLabel)).toEqual(['1', '2-3', '4-7', '512-1023', '1024+']);
  });

  it('name every event that happened, with its count bucket, from an engine or its counters', () => {
    const engine = new ImplEngine(LAZARUS_CYCLE);
    for (const s of LAZARUS_CYCLE.statements) engine.execute(s);
    const keys = featureKeys(engine);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toEqual(featureKeys(engine.features()));
    expect(keys).toEqual(expect.arrayContaining([
      'resurrection.gc', 'resurrection.gc#1', 'collect.explicit.gen2', 'collect.gen2.unreachable:1', 'collect.gen2.young:1#1',
      'sizeclass:3', 'pool.carved', 'arena.new#1',
    ]));
    expect(keys.some((k) => k.startsWith('resurrection.refcount'))).toBe(false);
    expect(featureVector(engine)['resurrection.gc']).toBe(1);
    expect(featureVector({ 'gc.young-objects': 5000, 'pool.full': 0 })).toEqual({ 'gc.young-objects': 11 });
    expect(featureKeys(undefined)).toEqual([]);
  });

  it('reach the lockstep result, read before the teardown', () => {
    const result = runLockstep(program('x = []\nx.append(x)'), createImplEngine);
    expect(result.divergence).toBeNull();
    // The teardown's full collection frees the cycle; the features stop before it.
    expect(result.features?.['collect.explicit.gen2']).toBe(0);
    expect([result.features?.['sizeclass:1'], result.features?.['sizeclass:3']]).toEqual([1, 1]); // items array, list
    expect(runLockstep(LAZARUS_CYCLE, withoutFeatures).features).toBeUndefined();
  });
});

describe('run statistics', () => {
  it('count statement kinds, trace collections (explicit or automatic) and features, per program', () => {
    const stats = new RunStatistics();
    for (const p of [LAZARUS_CYCLE, AUTOMATIC, LAZARUS_CYCLE]) stats.add(p, runLockstep(p, createImplEngine));
    expect([stats.programs, stats.statements, stats.programsWithFeatures]).toEqual([3, 13, 3]);
    expect(stats.tally('statement:newInstance')).toEqual({ count: 3, programs: 3 });
    expect(stats.tally('statement:collect')).toEqual({ count: 3, programs: 3 });
    expect(stats.tally('trace:collect.gen2.explicit')).toEqual({ count: 2, programs: 2 });
    expect(stats.tally('trace:collect.gen2.with-garbage')).toEqual({ count: 0, programs: 0 }); // resurrected
    expect(stats.tally('trace:collect.gen0.explicit')).toEqual({ count: 1, programs: 1 });
    expect(stats.tally('trace:collect.gen0.automatic').count).toBeGreaterThan(0);
    expect(stats.tally('trace:finalized')).toEqual({ count: 2, programs: 2 });
    expect(stats.tally('feature:resurrection.gc')).toEqual({ count: 2, programs: 2 });
    expect(stats.tally('feature:collect.auto.gen0')).toEqual(stats.tally('trace:collect.gen0.automatic'));
    expect(stats.tally('feature:no.such.counter')).toEqual({ count: 0, programs: 0 });
  });

  it('count, per invariant, the statements that exercised it', () => {
    const stats = new RunStatistics();
    const freelist = program('a = []\nb = []\ndel a, b\nc = []');
    const raw = program('m = malloc(600)\nm = realloc(m, 0)\nn = malloc(32)');
    for (const p of [LAZARUS_CYCLE, AUTOMATIC, freelist, raw]) stats.add(p, runLockstep(p, createImplEngine));
    const count = (invariant: Invariant) => stats.tally(`invariant:${invariant}`).count;
    // The Lazarus cycle: a full collection that finds it, resurrects it, reports it (and counts no garbage).
    expect(count('resurrection-keeps-reachable')).toBe(1);
    expect(count('full-collect-is-complete')).toBe(0);
    expect(count('stats-match-collections')).toBe(stats.tally('trace:collect.gen0.explicit').count +
      stats.tally('trace:collect.gen0.automatic').count + stats.tally('trace:collect.gen2.explicit').count);
    expect(count('threshold-triggering')).toBe(stats.tally('trace:collect.gen0.automatic').count);
    // `c = []` takes b's memory from the list freelist; `del a, b` frees both outside any collection.
    expect(count('freed-block-reused-lifo')).toBeGreaterThanOrEqual(1);
    expect(count('refcount-death-is-prompt')).toBe(1); // one statement, two deaths
    expect(count('heap-empty-at-teardown')).toBe(4);
    const alone = runLockstep(raw, createImplEngine).exercised;
    expect(alone['raw-fallback-over-512']).toBe(1);
    expect(alone['block-in-right-size-class']).toBe(1); // malloc(32); realloc(m, 0) is raw to raw
    expect(alone['realloc-in-place-rule']).toBe(0); // a raw block, not a small one
    expect(alone['blocks-disjoint-and-aligned']).toBe(1); // n is handed out beside m (realloc(m, 0) stays in place)
    expect(stats.tally('invariant:weakref-cleared-before-finalizers')).toEqual({ count: 0, programs: 0 });
  });

  it('merge like one accumulator', () => {
    const one = new RunStatistics();
    const a = new RunStatistics();
    const b = new RunStatistics();
    for (const [p, half] of [[LAZARUS_CYCLE, a], [AUTOMATIC, b]] as const) {
      const r = runLockstep(p, createImplEngine);
      one.add(p, r);
      half.add(p, r);
    }
    a.merge(b);
    expect(a).toEqual(one);
  });

  it('leave the features out when the engine reports none', () => {
    const stats = new RunStatistics();
    stats.add(LAZARUS_CYCLE, runLockstep(LAZARUS_CYCLE, withoutFeatures));
    expect(stats.programsWithFeatures).toBe(0);
    expect(stats.sections.feature.size).toBe(0);
    expect(formatStatistics(stats)).toContain('implementation features: not reported by the engine');
  });
});

describe('required minimums', () => {
  /** `copies` programs with the same statistics: enough programs to judge. */
  function repeated(p = LAZARUS_CYCLE, copies = MINIMUM_SAMPLE): RunStatistics {
    const stats = new RunStatistics();
    const result = runLockstep(p, createImplEngine);
    for (let i = 0; i < copies; i++) stats.add(p, result);
    return stats;
  }

  it('flag a starved statistic, and only those below their minimum', () => {
    const stats = repeated();
    expect(checkMinimums(stats, [{ key: 'feature:resurrection.gc', percentOfPrograms: 1 }])).toEqual([]);
    expect(checkMinimums(stats, [{ key: 'feature:weakref.callback.gc', percentOfPrograms: 0.05 }])).toEqual([
      `feature:weakref.callback.gc happened in 0 of ${MINIMUM_SAMPLE} programs (0.00%), below the minimum 0.05%`,
    ]);
    const problems = checkMinimums(stats);
    expect(problems).toContain(`statement:append happened in 0 of ${MINIMUM_SAMPLE} programs (0.00%), below the minimum 5%`);
    expect(problems.some((m) => m.startsWith('feature:resurrection.gc'))).toBe(false);
    expect(problems.some((m) => m.startsWith('trace:collect.gen2.automatic'))).toBe(true);
  });

  it('a share just below the minimum fails, at the minimum passes', () => {
    const stats = repeated(AUTOMATIC, 999);
    const lazarus = runLockstep(LAZARUS_CYCLE, createImplEngine);
    stats.add(LAZARUS_CYCLE, lazarus); // 1 of 1000 programs: 0.1%
    expect(checkMinimums(stats, [{ key: 'feature:resurrection.gc', percentOfPrograms: 0.1 }])).toEqual([
      `only 1000 programs: the required minimums need at least ${MINIMUM_SAMPLE} to judge`,
    ]);
    const automatic = runLockstep(AUTOMATIC, createImplEngine);
    for (let i = 0; i < 1000; i++) stats.add(AUTOMATIC, automatic);
    expect(checkMinimums(stats, [{ key: 'feature:resurrection.gc', percentOfPrograms: 0.1 }])).toHaveLength(1);
    expect(checkMinimums(stats, [{ key: 'feature:resurrection.gc', percentOfPrograms: 0.05 }])).toEqual([]);
  });

  it('skip feature minimums when the engine reports no features, never statement ones', () => {
    const stats = new RunStatistics();
    const result = runLockstep(LAZARUS_CYCLE, withoutFeatures);
    for (let i = 0; i < MINIMUM_SAMPLE; i++) stats.add(LAZARUS_CYCLE, result);
    const problems = checkMinimums(stats);
    expect(problems.some((m) => m.startsWith('feature:'))).toBe(false);
    expect(problems.some((m) => m.startsWith('statement:append'))).toBe(true);
  });

  it('cover every invariant (those of tracemalloc and fork in the files that turn their feature on)', () => {
    const keys = new Set([...REQUIRED_MINIMUMS, ...TRACEMALLOC_MINIMUMS, ...FORK_MINIMUMS].map((m) => m.key));
    expect(INVARIANTS.filter((i) => !keys.has(`invariant:${i}`))).toEqual([]);
  });

  it('cover every generated statement kind and the key events', () => {
    const keys = REQUIRED_MINIMUMS.map((m) => m.key);
    expect(keys).toEqual(expect.arrayContaining([
      'statement:newWeakref', 'statement:freeze', 'trace:collect.gen2.automatic', 'trace:collect.gen0.explicit',
      'feature:resurrection.gc', 'feature:resurrection.refcount', 'feature:weakref.callback.gc', 'feature:weakref.callback.refcount',
      'feature:arena.released', 'feature:pool.reuse-same-class', 'feature:tuple.untracked', 'feature:dict.untracked',
      'feature:gc.saveall-append', 'feature:gc.freeze-with-objects',
    ]));
    expect(REQUIRED_MINIMUMS.every((m) => m.percentOfPrograms > 0)).toBe(true);
  });

  it('the default generator with its rule idioms reaches every minimum, every rule and each side of its boundary (2000 programs from the CI seed)', () => {
    const stats = ciStatistics(createImplEngine);
    const minimums = [...REQUIRED_MINIMUMS, ...RULE_MINIMUMS];
    const report = [formatStatistics(stats, minimums), ...explainShortfalls(stats, minimumsNotMet(stats, minimums), BASELINE)].join('\n');
    // The boundaries were reached and checked: the model and the implementation agreed on every program.
    expect(stats.divergences, report).toBe(0);
    // Every rule of the default run is in the report, reached and on each side of its boundary.
    for (const rule of RULE_CATALOGUE.filter((r) => r.suite === 'default')) {
      expect(stats.tally(`rule:${rule.name}`).programs, rule.name).toBeGreaterThan(0);
      for (const side of rule.boundary?.sides ?? []) expect(stats.tally(`rule:${rule.name}:${side}`).programs, `${rule.name}:${side}`).toBeGreaterThan(0);
    }
    expect(checkMinimums(stats, minimums), report).toEqual([]);
  });
});

describe('the report', () => {
  it('is an aligned table per section with shares, minimums and a mark below them, histograms folded', () => {
    const stats = new RunStatistics();
    const result = runLockstep(LAZARUS_CYCLE, createImplEngine);
    for (let i = 0; i < 10; i++) stats.add(LAZARUS_CYCLE, result);
    const report = formatStatistics(stats);
    expect(report).toMatch(/^pymem statistics: 10 programs, 40 statements \(teardown excluded\), 10 with feature counters/);
    const statementRows = report.split('\n').filter((l) => /^ {2}(newInstance|setSlot|del|collect|append) /.test(l));
    expect(new Set(statementRows.map((l) => l.indexOf('%'))).size).toBe(1); // one column for the share
    expect(report).toMatch(/ {2}resurrection\.gc +10 +10 +100\.0% +0\.4%\n/);
    expect(report).toMatch(/ {2}weakref\.callback\.gc +0 +0 +0\.0% +0\.05% +<< below minimum/);
    expect(report).toMatch(/ {2}collect\.gen2\.unreachable +0:0 +1:10 +2-3:0/);
    expect(report).not.toMatch(/^ {2}collect\.gen2\.unreachable:1 /m);
  });

  it('lists the rules of the run\'s profiles, programs (events) on each side, and names the starved keys', () => {
    const stats = new RunStatistics();
    const result = runLockstep(AUTOMATIC, createImplEngine);
    for (let i = 0; i < 10; i++) stats.add(AUTOMATIC, result);
    // count[0] with threshold 1: x = [] at it, y = [] above it (collects), z = Obj() at it again; never below.
    const report = formatStatistics(stats, [{ key: 'rule:gc-threshold-0:below', percentOfPrograms: 50 }, { key: 'rule:long-lived-ratio', percentOfPrograms: 1 }]);
    expect(report).toMatch(/^ {2}gc-threshold-0 +all +default +10 \(10\) +100\.0% +0 +10 \(20\) +10 \(10\) +-\/50\/-\/- +<< below minimum: below$/m);
    expect(report).toMatch(/^ {2}long-lived-ratio +all +default +0 +0\.0% +0 +0 +0 +1\/-\/-\/- +<< below minimum: reached$/m);
    expect(report).toMatch(/^ {2}pool-capacity +all +default +0 +0\.0% +0 +0 +-$/m); // a side the rule is never on
    expect(report).not.toMatch(/pending-dropped/); // a 3.13 rule, and every program ran under 3.11
  });
});

describe('what moved, when a minimum goes red', () => {
  const SEED = 7;
  const programs = fc.sample(programArbitrary({ maxLength: 60 }), { seed: SEED, numRuns: 100 });
  const run = (ps: typeof programs, createEngine: CreateEngine) => {
    const stats = new RunStatistics();
    for (const p of ps) stats.add(p, runLockstep(p, createEngine));
    return stats;
  };
  const unchanged = run(programs, createImplEngine);
  const baseline = statisticsBaseline(unchanged, SEED);
  const thresholdAt = { key: 'rule:gc-threshold-0:at' as const, percentOfPrograms: 5 };

  it('names the key, its programs against the baseline, and the implementation when only its counters moved', () => {
    // A planted change of the implementation the model cannot see: it no longer stops at threshold[0] itself.
    const planted: CreateEngine = (p, hooks) => {
      const engine = createImplEngine(p, hooks);
      return new Proxy(engine, {
        get: (target, key) => {
          if (key === 'features') return () => ({ ...target.features!(), 'rule:gc-threshold-0:at': 0 });
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    const stats = run(programs, planted);
    const before = baseline.tallies['rule:gc-threshold-0:at'][1];
    expect(before).toBeGreaterThan(0);
    const lines = explainShortfalls(stats, [thresholdAt], baseline);
    expect(lines[1]).toBe(`  rule:gc-threshold-0:at in 0 programs (baseline ${before}, −100%), minimum 5%`);
    expect(lines).toContain(`    rule gc-threshold-0:at 0 programs (baseline ${before}, −100%)`);
    expect(lines.at(-1)).toMatch(/^ {2}statement kinds and the model's trace unchanged; the engine's counters moved \(rule:gc-threshold-0:at .*\) → the implementation changed$/);
  });

  it('names the rules a planted bug moved, and the implementation (the long-lived rule inverted)', async () => {
    const bug = PLANTED_BUGS.find((b) => b.name === 'long-lived-rule-inverted')!;
    const withIdioms = fc.sample(programArbitrary({ maxLength: 60, ruleIdioms: true }), { seed: SEED, numRuns: 200 });
    const before = statisticsBaseline(run(withIdioms, createImplEngine), SEED);
    const lines = explainShortfalls(run(withIdioms, await loadVariant(bug)), [{ key: 'rule:long-lived-ratio:above', percentOfPrograms: 3 }], before);
    expect(lines[1]).toMatch(/^ {2}rule:long-lived-ratio:above in \d+ programs \(baseline \d+, −\d+%\), minimum 3%$/);
    expect(lines.some((l) => /^ {4}rule long-lived-ratio:(above|at|below) /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^ {2}statement kinds unchanged; \d+ programs diverged from the model \(baseline 0\) → the implementation changed/);
  });

  it('blames the generator when the statement kinds moved', () => {
    // A planted drift of the generator: the swarm loses `gc.set_threshold`, and the scaled thresholds with it.
    const drifted = fc.sample(programArbitrary({ maxLength: 60, kinds: GENERATED_KINDS.filter((k) => k !== 'setThreshold') }), { seed: SEED, numRuns: 100 });
    const lines = explainShortfalls(run(drifted, createImplEngine), [thresholdAt], baseline);
    expect(lines.at(-1)).toMatch(/^ {2}statement kinds moved \(.*statement:setThreshold 0 programs \(baseline \d+, −100%\).*\) → the generator drifted$/);
  });

  it('counts a diverging implementation as the implementation, and says so when nothing moved', () => {
    const diverged = new RunStatistics();
    for (const p of programs) {
      const r = runLockstep(p, createImplEngine);
      diverged.add(p, p === programs[0] ? { ...r, divergence: { invariant: 'count-rules', step: 1, line: 1, message: 'planted', objects: [] } } : r);
    }
    expect(explainShortfalls(diverged, [thresholdAt], baseline).at(-1)).toMatch(/1 programs diverged from the model \(baseline 0\) → the implementation changed/);
    expect(explainShortfalls(unchanged, [thresholdAt], baseline).at(-1)).toMatch(/nothing moved against the baseline/);
    expect(explainShortfalls(unchanged, [], baseline)).toEqual([]);
  });

  it("blames the model when only the model's trace moved", () => {
    // A planted change on the model's side, seen from a baseline in which a trace event was three times as common.
    const key = Object.keys(baseline.tallies).find((k) => k.startsWith('trace:') && baseline.tallies[k][1] > 10)!;
    const [count, inPrograms] = baseline.tallies[key];
    const modelWasDifferent = { ...baseline, tallies: { ...baseline.tallies, [key]: [3 * count, Math.min(3 * inPrograms, baseline.programs)] as [number, number] } };
    expect(explainShortfalls(unchanged, [thresholdAt], modelWasDifferent).at(-1)).toMatch(/^ {2}statement kinds unchanged; the model's trace moved \(trace:.*\) → the model changed$/);
  });
});
