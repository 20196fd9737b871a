// Checked throughput in CPU time per build, for comparing two builds on a busy machine (wall time there
// measures the other sessions): the lockstep runner with every invariant on over the CI generator's
// programs, as bench/checkedThroughput.ts runs it — a warm-up pass from another seed, then the timed pass
// — but timed with process.cpuUsage. Each tree runs in its own process, the trees interleaved for
// `--rounds` rounds; each process reports the best of `--runs` timed passes. Children run with
// `--single-threaded`, so that the CPU time is the one core's the figure is about (no parallel GC or compiler threads).
// usage: node scripts/checked-cpu.mjs DIST [DIST…] [--programs N] [--runs N] [--rounds R]
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
};
const programs = flag('--programs', 1000);
const runs = flag('--runs', 3);
const rounds = flag('--rounds', 3);
const SEED = 20261121;

if (args[0] === '--child') {
  const dist = (path) => import(pathToFileURL(resolve(args[1], path)).href);
  const fc = (await import('fast-check')).default;
  const { programArbitrary } = await dist('properties/generators/programArbitrary.js');
  const { runLockstep } = await dist('properties/lockstep/lockstep.js');
  const { createEngine } = await dist('impl/engine.js');
  const arbitrary = programArbitrary({ maxLength: 60 });
  for (const p of fc.sample(arbitrary, { numRuns: programs, seed: SEED + 1 })) runLockstep(p, createEngine);
  const sample = fc.sample(arbitrary, { numRuns: programs, seed: SEED });
  let best = 0;
  for (let k = 0; k < runs; k++) {
    let steps = 0;
    const before = process.cpuUsage();
    for (const p of sample) steps += runLockstep(p, createEngine).steps;
    const used = process.cpuUsage(before);
    best = Math.max(best, steps / ((used.user + used.system) / 1e6));
  }
  console.log(best.toFixed(0));
  process.exit(0);
}
if (args.length === 0) {
  console.error('usage: node scripts/checked-cpu.mjs DIST [DIST…] [--programs N] [--runs N] [--rounds R]');
  process.exit(2);
}
const best = new Map(args.map((d) => [d, 0]));
for (let r = 0; r < rounds; r++) {
  for (const d of args) {
    const rate = Number(execFileSync(process.execPath, ['--single-threaded', import.meta.filename, '--child', d, '--programs', String(programs), '--runs', String(runs)]).toString());
    best.set(d, Math.max(best.get(d), rate));
    console.log(`round ${r + 1}  ${d}  ${rate.toLocaleString('en-US')} statements per CPU-second`);
  }
}
for (const [d, rate] of best) console.log(`best  ${d}  ${rate.toLocaleString('en-US')} checked statements per CPU-second`);
