// The failure database, replayed before anything is generated: every program the suite ever saved
// under properties/regressions/ (and every example) must now agree in lockstep.
import { createEngine as createImplEngine } from '../impl/engine.js';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '../language/load.js';
import { describeDivergence } from './lockstep/divergence.js';
import { runLockstep } from './lockstep/lockstep.js';
import { savedFailures } from './suite/failureDatabase.js';

describe('saved failures replay clean', () => {
  const saved = savedFailures();
  it('the failure database is readable', () => {
    for (const { file, text } of saved) {
      const loaded = loadProgram(text, file);
      expect(loaded.ok ? [] : loaded.messages).toEqual([]);
    }
  });
  for (const { file, text } of saved) {
    it(file.replace(/.*regressions\//, ''), () => {
      const loaded = loadProgram(text, file);
      if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
      const d = runLockstep(loaded.program, createImplEngine).divergence;
      expect(d && describeDivergence(d)).toBe(null);
    });
  }
});
