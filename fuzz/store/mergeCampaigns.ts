/*
 * `pymem merge DIR… --out OUT`: the campaign directories of several shards (or machines, or nights)
 * combined into one, as AFL++ syncs instances through directories. Findings are the union by signature
 * (a finding found by several shards is one finding listing every index that led to it); the corpus
 * is the union of programs (identical programs once); counters, statistics and failures per label are
 * summed; `elapsedMs` is the longest shard's (they ran side by side). stats.jsonl sums, at each time
 * any shard recorded, every shard's latest line (features: the largest shard's, a lower bound of the
 * union). The result is a campaign directory for `pymem report`; it cannot be resumed.
 *
 * What may be merged. Summing is right only for campaigns that ran different programs of one engine
 * under one contract, so `checkMergeable` refuses (UsageError, exit 2), before anything is written:
 * the same directory twice (by real path); the same campaign twice (the same seed and shard, also
 * inside a directory merged before), or shards of one seed cut differently (0/2 and 1/3 share
 * programs) — their programs would be counted twice; different engines; different contract levels
 * (`contract`, absent: `cpython`); different CPython versions (`cpython`, absent: `3.11`). Merging
 * campaigns of different seeds is allowed — they ran different programs — and said (`notes`): their
 * counters are sums over unrelated campaigns, not one campaign cut in shards.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../io/usageError.js';
import { writeJsonAtomically, writeFileAtomically } from '../../io/atomicFiles.js';
import { campaignFile, makeOutputDirectory, readCampaignDirectory, type ResumedCampaign } from './campaignDirectory.js';
import { type CampaignState, newCounters } from './campaignState.js';
import { type CorpusEntry, saveCorpusEntry } from './corpusStore.js';
import type { FindingRecord } from './findingRecord.js';
import { bugSummaries } from './bugGroups.js';
import type { Shard } from '../programs/programSource.js';
import { saveFinding } from './findingStore.js';
import { readStats, statsFile, type StatsLine } from './statsFile.js';
import { versions } from './versions.js';
import { engineAt, rebasedChoice } from '../protocol/engineChoice.js';

export interface MergeOutcome {
  state: CampaignState;
  corpus: number;
  findings: FindingRecord[];
  /** What the command should tell the user about what it combined (seeds that differ). */
  notes: string[];
}

/** The contract level a campaign checked; files written before the field existed checked CPython's. */
const contractOf = (s: CampaignState): string => s.contract ?? 'cpython';

type Input = { dir: string; state: CampaignState };

const identities = (i: Input): Array<{ seed: string; shard: Shard }> =>
  i.state.mergedFrom?.map(({ seed, shard }) => ({ seed, shard })) ?? [{ seed: i.state.seed, shard: i.state.shard }];

const realPath = (dir: string) => {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
};

/** Refuses inputs whose sum would mean nothing (see the header); returns the notes for seeds that differ. */
export function checkMergeable(inputs: readonly Input[]): string[] {
  const byPath = new Map<string, string>();
  for (const { dir } of inputs) {
    const real = realPath(dir);
    const earlier = byPath.get(real);
    if (earlier !== undefined) throw new UsageError([`${earlier} and ${dir} are the same directory; give each campaign once`]);
    byPath.set(real, dir);
  }
  const seen: Array<{ dir: string; seed: string; shard: Shard }> = [];
  for (const input of inputs) {
    for (const id of identities(input)) {
      for (const other of seen) {
        if (other.seed !== id.seed) continue;
        const show = (s: Shard) => `${s.index}/${s.count}`;
        if (other.shard.index === id.shard.index && other.shard.count === id.shard.count) {
          throw new UsageError([`${other.dir} and ${input.dir} hold the same campaign (seed ${id.seed}, shard ${show(id.shard)}): ` +
            'merging it twice would count its programs twice']);
        }
        if (other.shard.count !== id.shard.count) {
          throw new UsageError([`${other.dir} (shard ${show(other.shard)}) and ${input.dir} (shard ${show(id.shard)}) cut seed ${id.seed} ` +
            'into shards differently, so they ran some programs both; merge the shards of one --shard I/N']);
        }
      }
    }
    seen.push(...identities(input).map((id) => ({ dir: input.dir, ...id })));
  }
  const differ = (what: string, value: (s: CampaignState, dir: string) => string) => {
    const values = [...new Set(inputs.map((i) => value(i.state, i.dir)))];
    if (values.length > 1) {
      const each = inputs.map((i) => `${i.dir}: ${value(i.state, i.dir)}`).join('; ');
      throw new UsageError([`the directories checked different ${what} (${each}); merge campaigns of one ${what.replace(/s$/, '')}`]);
    }
  };
  differ('engines', (s, dir) => JSON.stringify({ ...engineAt(s.engine, dir), sha256: undefined }));
  differ('contract levels', contractOf);
  differ('CPython versions', (s) => s.cpython); // reading a file from before profiles gave it 3.11
  const seeds = [...new Set(inputs.flatMap((i) => identities(i).map((id) => id.seed)))];
  return seeds.length > 1
    ? [`combined ${seeds.length} campaigns of different seeds (${seeds.join(', ')}): they ran different programs, so their counters are summed ` +
      'and a finding found by several is listed once with the indices of each']
    : [];
}

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
};

export function mergeCampaigns(dirs: string[], out: string): MergeOutcome {
  if (dirs.map((d) => resolve(d)).includes(resolve(out))) throw new UsageError([`--out ${out}: is one of the directories to merge`]);
  const twice = dirs.find((d, i) => dirs.slice(0, i).some((earlier) => resolve(earlier) === resolve(d)));
  if (twice !== undefined) throw new UsageError([`${twice} is named twice; its programs would be counted twice`]);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError([`--out ${out}: exists and is not a directory`]);
  if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError([`--out ${out}: exists and is not empty; choose another --out`]);
  const inputs = dirs.map((dir) => ({ dir, ...readCampaignDirectory(dir), stats: readStats(dir) }));
  const notes = checkMergeable(inputs);

  const first = inputs[0].state;
  const state: CampaignState = {
    ...first, engine: rebasedChoice(first.engine, inputs[0].dir, out), seed: [...new Set(inputs.map((i) => i.state.seed))].join(','), shard: { index: 0, count: 1 }, versions: versions(),
    nextOrdinal: 0, nextIndex: undefined, counters: newCounters(), failuresByLabel: {}, featuresByOrigin: { fresh: 0, mutant: 0 }, kinds: {}, events: {}, engineCounters: {},
    mergedFrom: inputs.flatMap((i) => i.state.mergedFrom ?? [{ dir: i.dir, seed: i.state.seed, shard: i.state.shard }]),
    startedAt: inputs.map((i) => i.state.startedAt).sort()[0], updatedAt: new Date().toISOString(),
  };
  for (const { state: s } of inputs) {
    for (const key of Object.keys(state.counters) as Array<keyof CampaignState['counters']>) {
      state.counters[key] = key === 'elapsedMs' ? Math.max(state.counters[key], s.counters[key]) : state.counters[key] + s.counters[key];
    }
    add(state.failuresByLabel, s.failuresByLabel);
    add(state.kinds, s.kinds);
    add(state.events, s.events);
    add((state.engineCounters ??= {}), s.engineCounters ?? {});
  }
  const corpus = mergeCorpus(inputs);
  const seen = new Set<string>();
  for (const entry of corpus) {
    const added = entry.features.filter((f) => !seen.has(f));
    for (const f of added) seen.add(f);
    state.featuresByOrigin[entry.origin] += added.length;
  }
  const findings = mergeFindings(inputs, out);
  state.bugs = bugSummaries(findings);

  makeOutputDirectory(out);
  for (const entry of corpus) saveCorpusEntry(out, entry);
  for (const f of findings) saveFinding(out, f);
  const stats = mergeStats(inputs.map((i) => i.stats));
  stats.push({ ...(stats[stats.length - 1] ?? emptyStats()), time: state.updatedAt, features: seen.size, corpus: corpus.length, findings: findings.length });
  writeFileAtomically(statsFile(out), stats.map((s) => JSON.stringify(s) + '\n').join(''));
  writeJsonAtomically(campaignFile(out), state);
  return { state, corpus: corpus.length, findings, notes };
}

function mergeCorpus(inputs: ResumedCampaign[]): CorpusEntry[] {
  const byProgram = new Map<string, CorpusEntry>();
  for (const entry of inputs.flatMap((i) => i.corpus).sort((a, b) => a.index - b.index)) {
    if (!byProgram.has(entry.program)) byProgram.set(entry.program, entry);
  }
  return [...byProgram.values()];
}

/** One finding per signature, the best shrunk; each plug-in path rebased from its directory to `out`. */
function mergeFindings(inputs: Array<ResumedCampaign & { dir: string }>, out: string): FindingRecord[] {
  const rank = { shrunk: 0, flaky: 1, 'as-found': 2, unshrunk: 3 } as const;
  const bySignature = new Map<string, FindingRecord>();
  for (const f of inputs.flatMap((i) => i.findings.map((found) => ({ ...found, engine: rebasedChoice(found.engine, i.dir, out) })))) {
    const known = bySignature.get(f.signature);
    const better = !known || rank[f.status] < rank[known.status] ? f : known;
    const indices = [...new Set([...(known?.indices ?? []), ...f.indices])].sort((a, b) => a - b);
    bySignature.set(f.signature, { ...better, indices });
  }
  return [...bySignature.values()].sort((a, b) => a.signature.localeCompare(b.signature));
}

function emptyStats(): StatsLine {
  return { time: '', elapsedMs: 0, programs: 0, statements: 0, programsPerSecond: 0, statementsPerSecond: 0, features: 0, corpus: 0, findings: 0, failures: 0 };
}

function mergeStats(series: StatsLine[][]): StatsLine[] {
  const times = [...new Set(series.flat().map((s) => s.elapsedMs))].sort((a, b) => a - b);
  return times.map((t) => {
    const merged = emptyStats();
    for (const lines of series) {
      const latest = [...lines].reverse().find((s) => s.elapsedMs <= t);
      if (!latest) continue;
      merged.time = latest.time > merged.time ? latest.time : merged.time;
      for (const key of ['programs', 'statements', 'programsPerSecond', 'statementsPerSecond', 'corpus', 'findings', 'failures'] as const) merged[key] += latest[key];
      merged.features = Math.max(merged.features, latest.features);
    }
    merged.elapsedMs = t;
    return merged;
  });
}
