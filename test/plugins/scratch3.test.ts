import { it } from 'vitest';
import { programFromSeed } from '../../properties/generators/programFromSeed.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { describeDivergence } from '../../properties/lockstep/divergence.js';
import { printProgram } from '../../language/print.js';
import { shrinkProgram } from '../../properties/shrink/shrinkProgram.js';

const file = process.env.ENGINE ?? 'markSweep.mjs';
const contract = (process.env.LEVEL ?? 'reachability') as 'reachability';
it(`${file} at ${contract}`, async () => {
  const { loadPlugin } = await import('../../contract/loadPlugin.js');
  const createEngine = await loadPlugin(`examples/plugins/${file}`);
  const fails = new Map<string, number>();
  const t = Date.now();
  let first: number | null = null;
  for (let seed = 1; seed <= Number(process.env.N ?? 300); seed++) {
    const p = programFromSeed(seed);
    let d;
    try { d = runLockstep(p, createEngine, { contract }).divergence; } catch (e) { d = { invariant: 'crash ' + (e as Error).stack?.split('\n').slice(0, 3).join(' ') } as any; }
    if (d) { fails.set(d.invariant, (fails.get(d.invariant) ?? 0) + 1); first ??= seed; }
  }
  console.log(Date.now() - t, 'ms', [...fails]);
  if (first !== null) {
    const p = programFromSeed(first);
    const inv = runLockstep(p, createEngine, { contract }).divergence?.invariant;
    if (inv) {
      const s = shrinkProgram(p, (q) => { try { const d = runLockstep(q, createEngine, { contract }).divergence; return d && d.invariant === inv ? d : null; } catch { return null; } });
      console.log(printProgram(s.program));
      console.log(describeDivergence(s.divergence));
    }
  }
}, 200_000);
