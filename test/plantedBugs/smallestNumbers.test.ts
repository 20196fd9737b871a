/*
 * Every number in a shrunk program is the smallest that keeps the failure (properties/shrink/
 * numberLiterals.ts says what that guarantees): a bug planted for this test — requests of 257 to 496
 * bytes get a block of the next size class — is hunted like the catalog's bugs, and the shrunk sizes
 * must be the smallest of the classes that fail: 257 for a raw request, 224 for `bytes(n)` (whose object
 * needs 33 + n bytes). And for every number of the programs the hunt shrinks, no smaller edge of a
 * size class (first or last size, listed here independently of the shrinker) and not the value one
 * below keeps the failure.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { numberSlots, oneStepSimpler, smallerCandidates, withNumber } from '../../properties/shrink/numberLiterals.js';
import { shrinkProgram } from '../../properties/shrink/shrinkProgram.js';
import { huntPlantedBug, plantedDivergence } from '../../plantedBugs/huntPlantedBug.js';
import { loadVariant } from '../../plantedBugs/loadVariant.js';
import type { PlantedBug } from '../../plantedBugs/plantedBug.js';
import { program } from '../helpers/programs.js';

const LARGE_CLASS_OFF_BY_ONE: PlantedBug = {
  name: 'test-large-requests-next-class',
  description: 'A request of 257 to 496 bytes gets a block of the next size class (only large small requests).',
  file: 'impl/pymalloc/pymalloc.js',
  search: 'const idx = (nbytes - 1) >> ALIGNMENT_SHIFT;',
  replace: 'const idx = ((nbytes - 1) >> ALIGNMENT_SHIFT) + (nbytes > 256 && nbytes <= 496 ? 1 : 0);',
  invariant: 'block-in-right-size-class',
  minimal: 'm = malloc(257)\n',
};

/**
 * Every size where pymalloc can behave differently, written out here rather than taken from the
 * shrinker: 0, and each size class's first and last size, and past the threshold.
 */
const EDGES = [0, ...Array.from({ length: 32 }, (_, k) => [16 * k + 1, 16 * k + 16]).flat(), 513];

/** Numbers of `p` that a smaller edge of a size class, or the value one below, could replace with the same failure. */
function numbersNotSmallest(p: Program, fails: (p: Program) => string | null): string[] {
  const invariant = fails(p);
  const loose: string[] = [];
  for (const slot of numberSlots(p.statements)) {
    const below = oneStepSimpler(slot.domain, slot.value);
    const edges = slot.domain === 'request' ? EDGES : slot.domain === 'bytes' ? EDGES.map((e) => e - 33).filter((n) => n >= 2) : smallerCandidates(slot.domain, slot.value);
    for (const value of [...edges.filter((e) => e < slot.value), ...(below === null ? [] : [below])]) {
      const statements = p.statements.map((s, k) => (k === slot.statement ? withNumber(s, slot, value) : s));
      if (fails({ ...p, statements }) === invariant) loose.push(`statement ${slot.statement + 1}: ${value} instead of ${slot.value}`);
    }
  }
  return loose;
}

describe('a planted size-class bug', () => {
  it('shrinks every size to the smallest of the smallest class that fails', async () => {
    const variant = await loadVariant(LARGE_CLASS_OFF_BY_ONE);
    const fails = (p: Program) => plantedDivergence(variant, p);
    const invariantOf = (p: Program) => fails(p)?.invariant ?? null;
    expect(runLockstep(program('m = malloc(257)\n'), createImplEngine).divergence).toBe(null);

    expect(printProgram(shrinkProgram(program('x = []\nm = malloc(400)\nfree(m)\n'), fails).program)).toBe('v0 = bytes(224)\n');
    expect(printProgram(shrinkProgram(program('m = malloc(480)\n'), fails).program)).toBe('v0 = bytes(224)\n');
    // Where the failure needs a realloc, the block it reallocates drops to 1 byte and the realloc to 257.
    const raw = shrinkProgram(program('m = malloc(300)\nm = realloc(m, 300)\n'), (p) => {
      const d = fails(p);
      return d && p.statements.some((s) => s.kind === 'realloc') ? d : null;
    });
    expect(printProgram(raw.program)).toMatch(/^v0 = malloc\(1\)\nv\d = realloc\(v0, 257\)\n$/);

    const hunt = huntPlantedBug(variant, 1);
    expect(hunt.shrunk, 'the hunt finds the bug').not.toBe(null);
    expect(hunt.shrunk!.divergence.invariant).toBe('block-in-right-size-class');
    for (const r of hunt.shrunkAll) expect(numbersNotSmallest(r.program, invariantOf), printProgram(r.program)).toEqual([]);
  }, 180_000);
});
