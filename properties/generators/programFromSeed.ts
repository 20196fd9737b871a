/*
 * Programs addressed by numbers: the program a campaign runs at index i derives from the campaign seed
 * and i alone (seedrandom), so any program replays from `(campaign seed, index)` on any machine, and
 * shard k of n takes the indices ≡ k (mod n).
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import type { Program } from '../../model/language/ast.js';
import { programArbitrary } from './programArbitrary.js';

/** The generator's maxLength: templates, not statements (the long tier and idioms write more; programArbitrary.ts). */
export const DEFAULT_MAX_STATEMENTS = 60;

/** The fast-check seed of program `index` of a campaign. */
export function programSeed(campaignSeed: string | number, index: number): number {
  return seedrandom(`pymem:${campaignSeed}:${index}`).int32();
}

/** One arbitrary per program length, built once: a campaign draws hundreds of programs a second. */
const arbitraries = new Map<number, fc.Arbitrary<Program>>();

export function programFromSeed(seed: number, maxStatements = DEFAULT_MAX_STATEMENTS): Program {
  let arbitrary = arbitraries.get(maxStatements);
  if (!arbitrary) arbitraries.set(maxStatements, (arbitrary = programArbitrary(maxStatements)));
  return fc.sample(arbitrary, { seed, numRuns: 1 })[0];
}
