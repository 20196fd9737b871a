import { createEngine as createImplEngine } from '../../impl/engine.js';
import { describe, expect, it } from 'vitest';
import { runImpl } from '../../impl/engine.js';
import { runModel } from '../../model/run.js';
import { describeDivergence } from '../../properties/lockstep/divergence.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { examplePrograms } from '../helpers/programs.js';

describe('the implementation on every example', () => {
  for (const { name, program } of examplePrograms()) {
    it(`${name}: same trace as the model, same addresses as the allocator model, heap check clean`, () => {
      const result = runLockstep(program, createImplEngine);
      expect(result.divergence && describeDivergence(result.divergence)).toBe(null);
      const strip = (lines: ReturnType<typeof runModel>) => lines.map(({ objects: _o, allocator: _a, ...rest }) => rest);
      expect(strip(runImpl(program))).toEqual(strip(runModel(program)));
    });
  }
});
