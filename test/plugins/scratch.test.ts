import { it } from 'vitest';
import { programFromSeed } from '../../properties/generators/programFromSeed.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { createEngine } from '../../impl/engine.js';
import { describeDivergence } from '../../properties/lockstep/divergence.js';
import { printProgram } from '../../language/print.js';

for (const contract of ['reachability', 'refcount'] as const) {
  it(`impl at ${contract}`, () => {
    const fails: string[] = [];
    const t = Date.now();
    for (let seed = 1; seed <= 3000; seed++) {
      const p = programFromSeed(seed);
      try {
        const r = runLockstep(p, createEngine, { contract });
        if (r.divergence) fails.push(`${seed}: ${describeDivergence(r.divergence)}`);
      } catch (e) { fails.push(`${seed}: crash ${(e as Error).stack}`); }
    }
    console.log(contract, Date.now() - t, 'ms', fails.length, '\n' + fails.slice(0, 8).join('\n'));
  }, 200_000);
}
