/*
 * Programs addressed by numbers: the program a campaign runs at index i derives from the campaign seed
 * and i alone (seedrandom), so any program replays from `(campaign seed, index)` on any machine, and
 * shard k of n takes the indices ≡ k (mod n).
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { DEFAULT_CPYTHON, type CPythonVersion, type Program, type StatementKind } from '../../language/ast.js';
import { FORK_KINDS, GENERATED_KINDS, TRACEMALLOC_KINDS, programArbitrary } from './programArbitrary.js';

/** The generator's maxLength: templates, not statements (the long tier and idioms write more; programArbitrary.ts). */
export const DEFAULT_MAX_STATEMENTS = 60;

/** The fast-check seed of program `index` of a campaign. */
export function programSeed(campaignSeed: string | number, index: number): number {
  return seedrandom(`pymem:${campaignSeed}:${index}`).int32();
}

/**
 * The kinds a program draws from, by its index: the default swarm, and in turn the features that have
 * property files of their own (tracemalloc, fork), so that campaigns and `oracle --generate` reach them
 * too — a quarter of the programs each.
 */
export function kindsOfIndex(index: number): readonly StatementKind[] {
  const turn = ((index % 4) + 4) % 4;
  return turn === 1 ? TRACEMALLOC_KINDS : turn === 3 ? FORK_KINDS : GENERATED_KINDS;
}

/** One arbitrary per program length and kinds, built once: a campaign draws hundreds of programs a second. */
const arbitraries = new Map<string, fc.Arbitrary<Program>>();

/** Program `seed` of the generator, under a version profile (which adds its idioms: programArbitrary.ts). */
export function programFromSeed(
  seed: number, maxStatements = DEFAULT_MAX_STATEMENTS, kinds: readonly StatementKind[] = GENERATED_KINDS, cpython: CPythonVersion = DEFAULT_CPYTHON,
): Program {
  const key = `${maxStatements}:${cpython}:${kinds === GENERATED_KINDS ? '' : kinds.join(',')}`;
  let arbitrary = arbitraries.get(key);
  if (!arbitrary) {
    const profile = kinds === GENERATED_KINDS ? { maxLength: maxStatements, cpython } : { maxLength: maxStatements, kinds: [...kinds], cpython };
    arbitraries.set(key, (arbitrary = programArbitrary(profile)));
  }
  return fc.sample(arbitrary, { seed, numRuns: 1 })[0];
}
