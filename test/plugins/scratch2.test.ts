import { it } from 'vitest';
import { programFromSeed } from '../../properties/generators/programFromSeed.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { createEngine } from '../../impl/engine.js';
import { describeDivergence } from '../../properties/lockstep/divergence.js';
import { printProgram } from '../../language/print.js';
import { shrinkProgram } from '../../properties/shrink/shrinkProgram.js';

for (const [seed, contract] of [[501, 'reachability'], [573, 'refcount']] as const) {
  it(`seed ${seed}`, () => {
    const p = programFromSeed(seed);
    const r = runLockstep(p, createEngine, { contract });
    const inv = r.divergence!.invariant;
    const s = shrinkProgram(p, (q) => { const d = runLockstep(q, createEngine, { contract }).divergence; return d && d.invariant === inv ? d : null; });
    console.log(printProgram(s.program));
    const r2 = runLockstep(s.program, createEngine, { contract, traceSnapshots: true });
    console.log(describeDivergence(r2.divergence!));
    console.log(r2.modelTrace.map((l) => JSON.stringify({ ...l, objects: undefined })).join('\n'));
  }, 200_000);
}
