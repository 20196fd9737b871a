/*
 * The pure parts of campaigns, in-process: which program runs at an ordinal (fresh programs are the
 * property suite's, mutants are valid and reproducible), the epoch rule, simplification, the feature
 * keys, the flags, torn stats lines, unstarted campaign directories, and the progress cell.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { appendFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { printProgram } from '../../language/print.js';
import { validateProgram } from '../../language/validate.js';
import { readCompleteLines, trimTornLastLine } from '../../io/atomicFiles.js';
import { FeatureNovelty } from '../../fuzz/worker/featureNovelty.js';
import { mutateProgram } from '../../fuzz/programs/mutateProgram.js';
import { checkProgram } from '../../fuzz/worker/checkProgram.js';
import { addProgramStatistics, defaultFeatureKeys } from '../../fuzz/worker/observeProgram.js';
import type { Statistics } from '../../fuzz/protocol/protocol.js';
import { createEngine } from '../../impl/engine.js';
import { ProgressCell, ProgressWriter } from '../../fuzz/protocol/progressCell.js';
import { EPOCH_SIZE, indexOfOrdinal, programAt, visibleCorpusBefore } from '../../fuzz/programs/programSource.js';
import { bucket, traceFeatures } from '../../fuzz/worker/traceFeatures.js';
import { kindsOfIndex, programFromSeed, programSeed } from '../../properties/generators/programFromSeed.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { program } from '../helpers/programs.js';
import { UsageError } from '../../io/usageError.js';
import { checkNewCampaignDirectory, isUnstartedCampaignDirectory, readForResume } from '../../fuzz/store/campaignDirectory.js';
import { tempDir } from './runPymem.js';

const settings = { seed: 's', shard: { index: 1, count: 3 }, maxStatements: 40 };
const emptyStatistics = (): Statistics => ({ kinds: {}, events: {}, engine: {} });

describe('programs of a campaign', () => {
  const corpus = Array.from({ length: 12 }, (_, i) => programFromSeed(programSeed('corpus', i), 30));

  it('a fresh program at ordinal k is the suite program of index I + kN', () => {
    const sourced = programAt(settings, 5, []);
    expect(sourced).toMatchObject({ index: indexOfOrdinal(settings.shard, 5), origin: 'fresh' });
    expect(sourced.index).toBe(16);
    expect(printProgram(sourced.program)).toBe(printProgram(programFromSeed(programSeed('s', 16), 40)));
  });

  it('mutants are valid programs, and the same ordinal always gives the same one', () => {
    let mutants = 0;
    for (let k = 0; k < 300; k++) {
      const a = programAt(settings, k, corpus);
      const b = programAt(settings, k, corpus);
      expect(printProgram(a.program)).toBe(printProgram(b.program));
      expect(validateProgram(a.program)).toEqual([]);
      if (a.origin === 'mutant') mutants++;
    }
    expect(mutants).toBeGreaterThan(100);
  });

  it('mutation changes programs and keeps them within the length bound', () => {
    let changed = 0;
    for (let k = 0; k < 200; k++) {
      const rng = seedrandom(`m${k}`);
      const parent = corpus[k % corpus.length];
      const mutant = mutateProgram(parent, corpus[(k + 1) % corpus.length], rng, 50);
      if (!mutant) continue;
      expect(mutant.statements.length).toBeLessThanOrEqual(50);
      expect(validateProgram(mutant)).toEqual([]);
      if (printProgram(mutant) !== printProgram(parent)) changed++;
    }
    expect(changed).toBeGreaterThan(150);
  });

  it('an ordinal sees the corpus found before the epoch before its own', () => {
    expect(visibleCorpusBefore(0)).toBe(0);
    expect(visibleCorpusBefore(2 * EPOCH_SIZE - 1)).toBe(0);
    expect(visibleCorpusBefore(2 * EPOCH_SIZE)).toBe(EPOCH_SIZE);
    expect(visibleCorpusBefore(3 * EPOCH_SIZE + 5)).toBe(2 * EPOCH_SIZE);
  });
});

describe('coverage features', () => {
  it('buckets counts like AFL', () => {
    expect([0, 1, 3, 4, 7, 8, 31, 32, 200].map(bucket)).toEqual(['0', '1', '3', '4-7', '4-7', '8-15', '16-31', '32-127', '128+']);
  });

  it('names collections, resurrections and untracked containers seen in the trace', () => {
    const p = program('v0 = Lazarus()\nv0.a = v0\nv1 = (v0,)\ndel v0\ngc.collect()\n');
    const features = traceFeatures(p, runLockstep(p, createImplEngine, { traceSnapshots: true }).modelTrace);
    expect(features).toContain('collect:g2:explicit');
    expect(features).toContain('collect:g2:collected:0');
    expect(features.some((f) => f.startsWith('finalized-alive:Lazarus'))).toBe(true);
  });

  it("names the teardown's collection as the teardown's, not as an automatic one", () => {
    const p = program('v0 = []\n');
    const result = runLockstep(p, createImplEngine);
    expect(result.modelTrace.length).toBeGreaterThan(p.statements.length);
    const features = traceFeatures(p, result.modelTrace);
    expect(features).toContain('collect:g2:teardown');
    expect(features.filter((f) => f.includes(':automatic'))).toEqual([]);
    const statistics = emptyStatistics();
    addProgramStatistics(statistics, p, result);
    expect(statistics.events['collection gen 2 teardown']).toBe(1);
    expect(statistics.events['collection gen 2 automatic']).toBeUndefined();
  });
});

describe('live-object features read off the model in place', () => {
  it('equal the features and statistics read from the trace\'s snapshots, program for program', () => {
    let finalizedAlive = 0;
    for (let i = 0; i < 150; i++) {
      const p = programFromSeed(programSeed('live-objects', i), 40, kindsOfIndex(i));
      const snapshots = checkProgram(p, createEngine, []);
      const inPlace = checkProgram(p, createEngine);
      expect(inPlace.result!.modelTrace.every((line) => line.objects === undefined)).toBe(true);
      expect(defaultFeatureKeys(p, inPlace.result!, inPlace.live).sort()).toEqual(defaultFeatureKeys(p, snapshots.result!).sort());
      const [withSnapshots, observed] = [emptyStatistics(), emptyStatistics()];
      addProgramStatistics(withSnapshots, p, snapshots.result);
      addProgramStatistics(observed, p, inPlace.result, inPlace.live);
      expect(observed).toEqual(withSnapshots);
      finalizedAlive += inPlace.live.finalizedAlive;
    }
    expect(finalizedAlive).toBeGreaterThan(0);
  });
});

describe('a worker\'s feature filter', () => {
  it('reports each feature once, and all of a run on request, as defaultFeatureKeys counts them', () => {
    const novelty = new FeatureNovelty();
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const p = programFromSeed(programSeed('novelty', i), 30);
      const result = runLockstep(p, createImplEngine, { traceSnapshots: true });
      const all = defaultFeatureKeys(p, result);
      expect([...novelty.novel(p, result, true)].sort()).toEqual([...all].sort());
      const fresh = new FeatureNovelty();
      expect(fresh.novel(p, result, false).sort()).toEqual([...new Set(all)].sort());
      for (const f of all) seen.add(f);
    }
    const again = new FeatureNovelty();
    const reported: string[] = [];
    for (let i = 0; i < 60; i++) {
      const p = programFromSeed(programSeed('novelty', i), 30);
      reported.push(...again.novel(p, runLockstep(p, createImplEngine, { traceSnapshots: true }), false));
    }
    expect(reported.sort()).toEqual([...seen].sort());
  });
});

describe('files', () => {
  it('a torn last stats line is ignored, then trimmed', () => {
    const file = join(tempDir('torn'), 'stats.jsonl');
    writeFileSync(file, '{"a":1}\n{"b":2}\n');
    appendFileSync(file, '{"c":');
    expect(readCompleteLines(file)).toEqual(['{"a":1}', '{"b":2}']);
    trimTornLastLine(file);
    expect(readCompleteLines(file)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('a directory holding only what a campaign killed before campaign.json leaves is unstarted; anything more is not', () => {
    const dir = join(tempDir('unstarted'), 'c');
    expect(isUnstartedCampaignDirectory(dir)).toBe(true);
    mkdirSync(join(dir, 'corpus'), { recursive: true });
    expect(isUnstartedCampaignDirectory(dir)).toBe(true);
    mkdirSync(join(dir, 'findings'));
    writeFileSync(join(dir, '.campaign.json.77.0.tmp'), '{');
    expect(isUnstartedCampaignDirectory(dir)).toBe(true);
    expect(() => checkNewCampaignDirectory(dir)).not.toThrow();
    for (const other of ['notes.txt', '.notes.tmp', 'campaign.json', 'corpus/000000001-abc.py', 'findings/x.json']) {
      writeFileSync(join(dir, other), '');
      expect(isUnstartedCampaignDirectory(dir), other).toBe(false);
      rmSync(join(dir, other));
    }
    writeFileSync(join(dir, 'notes.txt'), '');
    expect(() => checkNewCampaignDirectory(dir)).toThrow(/is not empty and holds no pymem campaign/);
    expect(() => readForResume(dir)).toThrow(/holds no campaign/);
    rmSync(join(dir, 'notes.txt'));
    expect(readForResume(dir)).toBeNull();
  });
});

describe('the progress cell', () => {
  it('reads what the worker writes through its descriptor, and leaves no file behind', () => {
    const ours = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`.pymem-progress-${process.pid}-`));
    const cell = new ProgressCell();
    expect(ours()).toEqual([]);
    expect(cell.read()).toBe(-1);
    const writer = new ProgressWriter(cell.fd);
    writer.set(41);
    expect(cell.read()).toBe(41);
    writer.step();
    expect(cell.read()).toBe(42);
    cell.close();
    expect(cell.read()).toBe(-1);
  });
});
