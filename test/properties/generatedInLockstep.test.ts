import fc from 'fast-check';
import { describe, it } from 'vitest';
import { programArbitrary } from '../../properties/generators/programArbitrary.js';
import { describeDivergence } from '../../properties/lockstep/divergence.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';

describe('generated programs in lockstep', () => {
  it('the implementation agrees with the model on every statement kind (thousands of programs)', () => {
    fc.assert(
      fc.property(programArbitrary(60), (p) => {
        const r = runLockstep(p);
        if (r.divergence) throw new Error(describeDivergence(r.divergence));
      }),
      { numRuns: 3000, seed: 20261121 },
    );
  });
});
