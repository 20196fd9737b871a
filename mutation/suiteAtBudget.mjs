/*
 * The test Stryker runs for each mutant: the CI suite's lockstep at a budget, in one process, stopping at
 * the first failure. In order:
 *
 *   1. every example (examples/*.py) as test/impl/examplesInLockstep.test.ts checks it: in lockstep, and
 *      the implementation's whole trace equal to the model's (the lockstep compares what an engine
 *      reports, and lets a plug-in report no `traced` or `pagesWritten`; the implementation must) —
 *      under every version profile, as test/examples.test.ts runs each example under each;
 *      then once more in lockstep without the in-place inspection (impl/inspection.ts), so that the
 *      engine's snapshots are compared, as in campaigns, whose recording engine hides `inspect`.
 *      An example longer than LONG_EXAMPLE statements is held to the whole-trace comparison alone: the
 *      lockstep compares every live object after every statement, so its cost grows with the square of
 *      the program, and the 2,000 live lists of default_threshold_700_or_2000.py cost ~15 s of CPU in
 *      the four locksteps — most of a surviving mutant's test — where the trace (counts and collections
 *      per statement) already pins what that example is for; CI still runs it in lockstep;
 *   2. every saved regression (properties/regressions/*.py), as properties/regressions.test.ts does —
 *      but one longer than LONG_REGRESSION statements, which step 4 holds to its whole trace;
 *   3. the first RUNS generated programs of each CI property (properties/suite/suiteProperties.ts), drawn
 *      from the `ci` profile's seed exactly as the property files draw them (fc.sample with the same seed
 *      gives the same programs as the property's fc.check, in the same order), taken in turns of BLOCK
 *      programs per property so that a mutant only one property can see is reached early;
 *   4. with PYMEM_MUTATION_LONG=1 only, the regressions longer than LONG_REGRESSION statements, by the
 *      implementation's whole trace against the model's. The only one, 21,849 statements growing a dict to
 *      a 2^16-slot keys table (what no shorter program of the language can reach), costs ~2 s by its trace
 *      in the compiled tree but ~66 s in Stryker's instrumented one — the dict's lookups are linear, and
 *      every step of them runs the mutant switches — which every surviving mutant, each equivalent one
 *      included, would pay (the sample's 54 equivalents: half an hour). So the sampled and full runs leave
 *      it to CI (properties/regressions.test.ts runs it in lockstep), and the dict-index mutant it kills
 *      counts as a survivor of the budget; the variable lets a replay of that mutant include it. Last, so
 *      that a mutant killed before it does not pay for it.
 *
 * Every invariant is checked after every statement (runLockstep's defaults). Exit 0: every program
 * agreed (the mutant survived); exit 1: a divergence or a crash of the engine (killed). A program that
 * runs longer than HANG_MS is a hang, as a campaign's `--timeout` makes it a finding and vitest's test
 * timeout a failure: a watchdog thread, which the looping main thread cannot block, logs it and kills the
 * process (killed). The limit is per program — the slowest, a 1,017-statement regression, takes ~3 s at
 * load 12 — so a machine slowed by others does not turn a surviving mutant into a "timeout", as a limit on
 * the whole run measured against one unmutated run does; Stryker's own timeout stays as a backstop. No
 * shrinking, no search past the first failure: that is the CI suite's report, not its verdict.
 *
 * It imports the compiled tree (`dist/`): inside Stryker's sandbox that is the instrumented build, and the
 * mutant is the one named by `__STRYKER_ACTIVE_MUTANT__` (mutant switching: one build, every mutant).
 *
 * Environment: PYMEM_MUTATION_RUNS (programs per property, settings.mjs); PYMEM_MUTATION_LOG (a file to
 * append one JSON line per run to: mutant, milliseconds, outcome and what failed — mutation/score.mjs
 * reads it for the time per mutant and the killing program).
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { createEngine, runImpl } from '../dist/impl/engine.js';
import { CPYTHON_VERSIONS, withCPython } from '../dist/language/ast.js';
import { loadProgram } from '../dist/language/load.js';
import { runModel } from '../dist/model/run.js';
import { programArbitrary } from '../dist/properties/generators/programArbitrary.js';
import { describeDivergence } from '../dist/properties/lockstep/divergence.js';
import { runLockstep } from '../dist/properties/lockstep/lockstep.js';
import { suiteProfile } from '../dist/properties/suite/profile.js';
import { SUITE_PROPERTIES } from '../dist/properties/suite/suiteProperties.js';
import { HANG_MS, LONG_REGRESSIONS, RUNS_PER_PROPERTY } from './settings.mjs';

const BLOCK = 10;
const LONG_EXAMPLE = 500;
const LONG_REGRESSION = 5_000;

const root = join(import.meta.dirname, '..');
const mutant = process.env.__STRYKER_ACTIVE_MUTANT__ ?? null;
const runs = RUNS_PER_PROPERTY;
if (!Number.isInteger(runs) || runs < 0) throw new Error(`PYMEM_MUTATION_RUNS must be a whole number, not '${process.env.PYMEM_MUTATION_RUNS}'`);

/**
 * The watchdog: the main thread writes the running program's name into `current` (UTF-8, zero-padded) and
 * bumps `state[0]` before each program; a name unchanged for HANG_MS is a hang.
 */
const state = new Int32Array(new SharedArrayBuffer(4));
const current = new Uint8Array(new SharedArrayBuffer(256));
const encoder = new TextEncoder();
new Worker(
  `const { workerData: w } = require('node:worker_threads');
   const { appendFileSync } = require('node:fs');
   const state = new Int32Array(w.state), current = new Uint8Array(w.current);
   let seen = -1, since = Date.now();
   setInterval(() => {
     const now = Atomics.load(state, 0);
     if (now !== seen) { seen = now; since = Date.now(); return; }
     if (Date.now() - since < w.hangMs) return;
     const by = new TextDecoder().decode(current.slice(0, current.indexOf(0) < 0 ? current.length : current.indexOf(0)));
     const line = { mutant: w.mutant, ms: Math.round(process.uptime() * 1000), outcome: 'hang', by, detail: 'no result after ' + w.hangMs + ' ms' };
     if (w.log) appendFileSync(w.log, JSON.stringify(line) + '\\n');
     console.log('suite at budget: hang on ' + by);
     process.kill(process.pid, 'SIGKILL');
   }, 250);`,
  { eval: true, workerData: { state: state.buffer, current: current.buffer, hangMs: HANG_MS, mutant, log: process.env.PYMEM_MUTATION_LOG } },
).unref();

function running(by) {
  current.fill(0);
  encoder.encodeInto(by.slice(0, 120), current);
  Atomics.add(state, 0, 1);
}

function finish(outcome, by, detail) {
  const ms = Math.round(process.uptime() * 1000); // the whole process: Node's start-up and module loading included
  if (process.env.PYMEM_MUTATION_LOG) appendFileSync(process.env.PYMEM_MUTATION_LOG, JSON.stringify({ mutant, ms, outcome, by, detail }) + '\n');
  console.log(outcome === 'pass' ? `suite at budget: every program agreed (${ms} ms)` : `suite at budget: ${outcome} on ${by}: ${detail}`);
  process.exit(outcome === 'pass' ? 0 : 1);
}

/** The engine without `inspect`: the lockstep then compares its snapshots. */
const withoutInspection = (program, hooks) => {
  const engine = createEngine(program, hooks);
  return new Proxy(engine, { get: (target, key) => (key === 'inspect' ? undefined : Reflect.get(target, key)) });
};

/** Runs one program in lockstep; on a divergence or a crash, records it and exits. */
function check(program, by, engine = createEngine) {
  running(by);
  let divergence;
  try {
    divergence = runLockstep(program, engine).divergence;
  } catch (e) {
    finish('crash', by, e instanceof Error ? e.message : String(e));
  }
  if (divergence) finish('divergence', by, describeDivergence(divergence));
}

/** The implementation's trace equal to the model's, line by line, snapshots and allocator reports left out. */
function checkTrace(program, by) {
  running(`${by} (trace)`);
  const strip = (lines) => JSON.stringify(lines.map(({ objects: _o, allocator: _a, ...rest }) => rest));
  let impl;
  try {
    impl = strip(runImpl(program));
  } catch (e) {
    finish('crash', by, e instanceof Error ? e.message : String(e));
  }
  if (impl !== strip(runModel(program))) finish('divergence', by, 'the trace differs from the model\'s');
}

const load = (dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.py')).sort().map((name) => {
  const loaded = loadProgram(readFileSync(join(root, dir, name), 'utf8'), name);
  if (!loaded.ok) throw new Error(`${dir}/${name} does not load:\n${loaded.messages.join('\n')}`);
  return { by: `${dir}/${name}`, program: loaded.program };
});
const examples = load('examples');
const short = ({ program }) => program.statements.length <= LONG_EXAMPLE;
for (const cpython of CPYTHON_VERSIONS) {
  for (const example of examples) {
    const under = withCPython(example.program, cpython);
    const name = under === example.program ? example.by : `${example.by} (${cpython})`;
    if (short(example)) check(under, name);
    checkTrace(under, name);
  }
}
for (const { by, program } of examples.filter(short)) check(program, `${by} (snapshots)`, withoutInspection);
const regressions = load('properties/regressions');
const longRegression = ({ program }) => program.statements.length > LONG_REGRESSION;
for (const { by, program } of regressions.filter((r) => !longRegression(r))) check(program, by);

const seed = suiteProfile({}).seed;
const properties = Object.values(SUITE_PROPERTIES).map((p) => ({
  title: p.title,
  programs: fc.sample(programArbitrary(p.generator), { seed, numRuns: Math.min(runs, p.ciRuns ?? runs) }),
}));
for (let from = 0; from < runs; from += BLOCK) {
  for (const { title, programs } of properties) {
    for (let i = from; i < Math.min(from + BLOCK, programs.length); i++) check(programs[i], `${title} #${i}`);
  }
}
// Last, so that only a mutant nothing else killed pays for them; only when asked (step 4 above).
if (LONG_REGRESSIONS) for (const { by, program } of regressions.filter(longRegression)) checkTrace(program, by);
finish('pass', null, `${runs} programs per property`);
