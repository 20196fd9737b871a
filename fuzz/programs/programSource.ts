/*
 * Which program a campaign runs at each position. Shard I of N runs the indices I, I+N, I+2N, … (its
 * k-th program, its *ordinal* k, has index I + kN), so N machines never repeat each other's programs.
 *
 * Program `index` is either fresh — `programFromSeed(programSeed(seed, index), …, kindsOfIndex(index))`, a
 * program of the property suite's generator (a quarter of them with tracemalloc, a quarter with fork),
 * under the campaign's version profile (its header says which) — or a mutant of a corpus program. The choice, the parent, the donor
 * and every mutation are drawn from seedrandom seeded by (campaign seed, index), never Math.random.
 *
 * Determinism with parallel workers: which corpus a program may draw from must not depend on which
 * worker finished first. Ordinals are grouped in epochs of EPOCH_SIZE; a program of epoch e sees the
 * corpus entries found by ordinals before the start of epoch e−1 (visibleCorpusBefore). The
 * coordinator dispatches epoch e only once every ordinal before epoch e−1 has been committed, so two
 * epochs can be in flight while the corpus each one sees is fixed. Same seed → same programs, whatever
 * the number of workers or the timing.
 */
import seedrandom from 'seedrandom';
import { DEFAULT_CPYTHON, type CPythonVersion, type Program } from '../../language/ast.js';
import { kindsOfIndex, programFromSeed, programSeed } from '../../properties/generators/programFromSeed.js';
import { mutateProgram } from './mutateProgram.js';

export const EPOCH_SIZE = 256;
/** Ordinals are handed to a worker this many at a time; a batch never spans two epochs. */
export const BATCH_SIZE = 16;
/** With a corpus to draw from, this share of programs is fresh swarm programs, the rest mutants. */
export const FRESH_SHARE = 0.5;

export interface Shard {
  index: number;
  count: number;
}

export interface SourceSettings {
  seed: string;
  shard: Shard;
  maxStatements: number;
  /** The campaign's version profile (default 3.11): fresh programs get it, mutants keep their parent's. */
  cpython?: CPythonVersion;
}

export type Origin = 'fresh' | 'mutant';

export interface SourcedProgram {
  index: number;
  program: Program;
  origin: Origin;
}

export function indexOfOrdinal(shard: Shard, ordinal: number): number {
  return shard.index + ordinal * shard.count;
}

/** Corpus entries found by ordinals below this bound are visible to `ordinal`. */
export function visibleCorpusBefore(ordinal: number): number {
  return Math.max(0, Math.floor(ordinal / EPOCH_SIZE) * EPOCH_SIZE - EPOCH_SIZE);
}

/**
 * The program at `ordinal`. `corpus` is the visible corpus: the programs found by ordinals below
 * visibleCorpusBefore(ordinal), in ordinal order.
 */
export function programAt(settings: SourceSettings, ordinal: number, corpus: readonly Program[]): SourcedProgram {
  const index = indexOfOrdinal(settings.shard, ordinal);
  const fresh = (): SourcedProgram => ({
    index, origin: 'fresh',
    program: programFromSeed(programSeed(settings.seed, index), settings.maxStatements, kindsOfIndex(index), settings.cpython ?? DEFAULT_CPYTHON),
  });
  if (corpus.length === 0) return fresh();
  const rng = seedrandom(`pymem:campaign:${settings.seed}:${index}`);
  if (rng() < FRESH_SHARE) return fresh();
  const parent = corpus[Math.floor(rng() * corpus.length)];
  const donor = corpus[Math.floor(rng() * corpus.length)];
  const mutant = mutateProgram(parent, donor, rng, settings.maxStatements * 2);
  return mutant ? { index, origin: 'mutant', program: mutant } : fresh();
}
