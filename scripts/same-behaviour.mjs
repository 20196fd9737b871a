// Performance work must not change behaviour: this compares two compiled trees (a reference dist/, say
// from `git archive <commit>` + `npx tsc`, and this repository's dist/) on generated programs.
//   1. the implementation alone: every statement's trace line with its snapshot and allocator stats, the
//      untracked tuples, every feature counter and the debug heap check, teardown included;
//   2. the lockstep runner: divergence (invariant, step, message), steps and features, on the real
//      implementation and on every planted-bug variant of the catalog.
// Programs are drawn in three equal parts: the default kinds, TRACEMALLOC_KINDS and FORK_KINDS.
// Prints the number of programs and differences; exit 1 on any difference. Deterministic (fixed seeds).
// Each tree must be the dist/ of a checkout (planted-bug variants are built from it; they need its package.json).
// usage: node scripts/same-behaviour.mjs REF_DIST [NEW_DIST] [--programs N] [--seed S]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
};
const programs = flag('--programs', 300);
const seed = flag('--seed', 1);
if (args.length < 1) {
  console.error('usage: node scripts/same-behaviour.mjs REF_DIST [NEW_DIST] [--programs N] [--seed S]');
  process.exit(2);
}
const tree = (dir) => (path) => import(pathToFileURL(resolve(dir, path)).href);
const ref = tree(args[0]);
const neu = tree(args[1] ?? resolve(import.meta.dirname, '..', 'dist'));

const [refEngine, newEngine] = [await ref('impl/engine.js'), await neu('impl/engine.js')];
const { programArbitrary, TRACEMALLOC_KINDS, FORK_KINDS } = await ref('properties/generators/programArbitrary.js');
// The teardown has its own module since the invariants catalogue; an older reference tree has it in lockstep.js.
const { teardownStatements } = await ref('properties/lockstep/teardown.js').catch(() => ref('properties/lockstep/lockstep.js'));
let differences = 0;
const report = (what, a, b) => {
  differences++;
  if (differences <= 5) console.log(`DIFFERENT ${what}\n  reference: ${String(a).slice(0, 300)}\n  new:       ${String(b).slice(0, 300)}`);
};

// 1. The implementation alone, statement by statement. A third of the programs may also turn tracemalloc
// on and off, a third may fork: their hooks sit on the hot paths (every allocator call, every refcount
// change), so an optimization of those paths must be compared with the hooks on too.
const kindsOf = [undefined, TRACEMALLOC_KINDS, FORK_KINDS];
const sample = kindsOf.flatMap((kinds, i) => {
  const n = Math.floor(programs / 3) + (i < programs % 3 ? 1 : 0);
  return n === 0 ? [] : fc.sample(programArbitrary({ maxLength: 120, ...(kinds ? { kinds } : {}) }), { numRuns: n, seed: seed + i });
});
let statements = 0;
for (const [k, p] of sample.entries()) {
  const engines = [refEngine.createEngine(p, {}), newEngine.createEngine(p, {})];
  const names = [...new Set(p.statements.map((s) => s.target).filter(Boolean))];
  for (const s of [...p.statements, ...teardownStatements(names), ...teardownStatements([])]) {
    const [a, b] = engines.map((e) => {
      try {
        return JSON.stringify([e.execute(s, { snapshot: true }), e.untrackedTuples(), e.features(), e.checkHeap()]);
      } catch (error) {
        return `throws ${error.message}`;
      }
    });
    statements++;
    if (a !== b) {
      report(`program ${k}, statement ${JSON.stringify(s)}`, a, b);
      break;
    }
    if (a.startsWith('throws')) break;
  }
  const [la, lb] = engines.map((e) => JSON.stringify(e.leftovers()));
  if (la !== lb) report(`program ${k}, leftovers`, la, lb);
}
console.log(`implementation: ${sample.length} programs, ${statements} statements`);

// 2. The lockstep runner on the real implementation and every planted bug.
const side = async (t) => ({
  lockstep: await t('properties/lockstep/lockstep.js'),
  load: await t('plantedBugs/loadVariant.js'),
  catalog: await t('plantedBugs/catalog.js'),
});
const [r, n] = [await side(ref), await side(neu)];
const pairs = [['real', refEngine.createEngine, newEngine.createEngine]];
for (const bug of n.catalog.PLANTED_BUGS) {
  const refBug = r.catalog.PLANTED_BUGS.find((b) => b.name === bug.name);
  if (!refBug) continue;
  try {
    pairs.push([bug.name, await r.load.loadVariant(refBug), await n.load.loadVariant(bug)]);
  } catch (error) {
    report(`planted bug ${bug.name} cannot be built in both trees`, '', error.message);
  }
}
// Every third program: the default, tracemalloc and fork programs alike.
const lockstepSample = sample.filter((_, k) => k % 3 === 0);
let divergences = 0;
for (const [name, a, b] of pairs) {
  for (const [k, p] of lockstepSample.entries()) {
    const run = (lockstep, createEngine) => {
      try {
        const result = lockstep.runLockstep(p, createEngine);
        return JSON.stringify([result.divergence, result.steps, result.features]);
      } catch (error) {
        return `throws ${error.message}`;
      }
    };
    const [x, y] = [run(r.lockstep, a), run(n.lockstep, b)];
    if (x.includes('"invariant"')) divergences++;
    if (x !== y) report(`lockstep ${name}, program ${k}`, x, y);
  }
}
console.log(`lockstep: ${pairs.length} engines × ${lockstepSample.length} programs, ${divergences} divergences`);
console.log(`${differences} differences`);
process.exit(differences === 0 ? 0 : 1);
