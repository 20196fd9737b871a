// The standard mix's CPU time on the implementation, for comparing two builds on a busy machine: wall
// time there measures the other sessions, CPU time (process.cpuUsage around engine.run) mostly this one.
// Each tree runs in its own process, the trees interleaved for `--rounds` rounds; each process reports the
// best of `--runs` fresh engines (compiled before the clock starts, as bench/runMix.ts does).
// usage: node scripts/mix-cpu.mjs DIST [DIST…] [--runs N] [--rounds R]
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
};
const runs = flag('--runs', 20);
const rounds = flag('--rounds', 3);

if (args[0] === '--child') {
  const dist = (path) => import(pathToFileURL(resolve(args[1], path)).href);
  const { standardMix } = await dist('bench/standardMix.js');
  const { ImplEngine } = await dist('impl/engine.js');
  const { CPYTHON_GEOMETRY } = await dist('language/ast.js');
  const mix = standardMix();
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const engine = new ImplEngine({ geometry: CPYTHON_GEOMETRY });
    engine.rt.recordEvents = false;
    const code = engine.compile(mix.statements);
    const before = process.cpuUsage();
    engine.run(code);
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  console.log(best.toFixed(1));
  process.exit(0);
}
if (args.length === 0) {
  console.error('usage: node scripts/mix-cpu.mjs DIST [DIST…] [--runs N] [--rounds R]');
  process.exit(2);
}
const best = new Map(args.map((d) => [d, Infinity]));
for (let r = 0; r < rounds; r++) {
  for (const d of args) {
    const ms = Number(execFileSync(process.execPath, [import.meta.filename, '--child', d, '--runs', String(runs)]).toString());
    best.set(d, Math.min(best.get(d), ms));
    console.log(`round ${r + 1}  ${d}  ${ms.toFixed(1)} ms CPU`);
  }
}
for (const [d, ms] of best) console.log(`best  ${d}  ${ms.toFixed(1)} ms CPU per 1 M statements (${(1000 / ms).toFixed(2)} M statements per CPU-second)`);
