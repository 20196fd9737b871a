/*
 * A campaign worker process (see protocol.ts), forked by workerSlot.ts. Its first message, `start`,
 * says which engine to load and holds the corpus so far; then it keeps its own copy of the corpus, and
 * answers `run` with the batch's `results`, `shrink` with `shrunk`, `check` with `checked`. It shares
 * nothing with anyone but the progress cell it writes (progressCell.ts): the coordinator may kill it
 * at any moment, and it exits on its own when the coordinator dies (orphanGuard.ts). SIGINT and SIGTERM
 * are the coordinator's to act on — Ctrl-C reaches the whole process group — so a worker ignores them.
 *
 * Features are filtered against the ones this worker has already reported. Workers take ordinals in
 * increasing order, so a feature filtered out here was reported with a smaller ordinal, which the
 * coordinator commits first: the filter changes the traffic, never which programs join the corpus.
 * The one exception, a batch run again (out of order) after a worker hung or died, asks for all features.
 */
import type { Program } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import type { CreateEngine } from '../../contract/engine.js';
import { checkProgram } from './checkProgram.js';
import type { EngineLoader } from '../protocol/engineChoice.js';
import { FeatureNovelty } from './featureNovelty.js';
import { exitWithCoordinator } from './orphanGuard.js';
import { ProgressWriter } from '../protocol/progressCell.js';
import { addProgramStatistics } from './observeProgram.js';
import { programAt } from '../programs/programSource.js';
import type { FromWorker, ProgramResult, Statistics, ToWorker, WorkerSettings } from '../protocol/protocol.js';
import { confirmAndShrink, parseProgramText } from './shrinkFailure.js';

const post = (message: FromWorker): void => void process.send!(message);

const progress = new ProgressWriter();
let settings: WorkerSettings;
const corpus: Program[] = [];
const novelty = new FeatureNovelty();

function addToCorpus(texts: string[]): void {
  for (const text of texts) corpus.push(parseProgramText(text, `corpus entry ${corpus.length}`));
}

function runBatch(first: number, count: number, visibleCorpus: number, allFeatures: boolean, createEngine: CreateEngine): void {
  if (corpus.length < visibleCorpus) {
    // Determinism depends on every worker seeing the same corpus; never guess.
    post({ type: 'fatal', message: `protocol error: asked to draw from ${visibleCorpus} corpus programs, holding ${corpus.length}` });
    return;
  }
  const visible = corpus.slice(0, visibleCorpus);
  const statistics: Statistics = { kinds: {}, events: {}, engine: {} };
  const results: ProgramResult[] = [];
  for (let ordinal = first; ordinal < first + count; ordinal++) {
    progress.set(ordinal);
    const { index, program, origin } = programAt(settings.source, ordinal, visible);
    const { result, failure, live } = checkProgram(program, createEngine, undefined, settings.contract);
    const passed = result && !failure ? result : null;
    const newFeatures = passed ? novelty.novel(program, passed, allFeatures, live.features) : [];
    addProgramStatistics(statistics, program, passed, passed ? live : undefined);
    const message: ProgramResult = {
      ordinal, index, origin, statements: program.statements.length, steps: result?.steps ?? 0, newFeatures, failure,
    };
    if (newFeatures.length > 0 || failure) message.program = printProgram(program);
    results.push(message);
  }
  results[results.length - 1].statistics = statistics;
  post({ type: 'results', results });
}

function handle(message: ToWorker, createEngine: CreateEngine): void {
  switch (message.type) {
    case 'corpus':
      return addToCorpus(message.programs);
    case 'run':
      return runBatch(message.first, message.count, message.visibleCorpus, message.allFeatures, createEngine);
    case 'shrink': {
      // Each candidate moves the progress cell, so a candidate that hangs is seen as one.
      const counted: CreateEngine = (program, hooks) => {
        progress.step();
        return createEngine(program, hooks);
      };
      return post({ type: 'shrunk', outcome: confirmAndShrink(message.job, counted, settings.contract) });
    }
    case 'check':
      return post({ type: 'checked', failure: checkProgram(parseProgramText(message.program, 'program'), createEngine, undefined, settings.contract).failure });
  }
}

async function start(message: ToWorker, load: EngineLoader['load']): Promise<CreateEngine> {
  if (message.type !== 'start') throw new Error(`protocol error: the first message must be start, not ${message.type}`);
  settings = message.settings;
  const createEngine = await load(settings.engine);
  addToCorpus(settings.corpus);
  return createEngine;
}

/** Serve the coordinator on this process's IPC channel until it goes; engines come from `load`. */
export function serveWorker(load: EngineLoader['load']): void {
  exitWithCoordinator();
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  // The coordinator reads the last line of a dead worker's stderr as the reason it died (workerSlot.ts).
  process.on('uncaughtException', (e) => {
    process.stderr.write(`\n${e.name}: ${e.message.split('\n')[0]}\n`);
    process.exit(70);
  });

  // Listen at once; what arrives while the engine loads waits its turn.
  const early: ToWorker[] = [];
  let ready: CreateEngine | null = null;
  let starting = false;
  process.on('message', (message: ToWorker) => {
    if (ready) return handle(message, ready);
    if (starting) return void early.push(message);
    starting = true;
    start(message, load).then((createEngine) => {
      ready = createEngine;
      post({ type: 'ready' });
      for (const m of early.splice(0)) handle(m, createEngine);
    }, (e: Error) => process.send!({ type: 'fatal', message: e.message } satisfies FromWorker, () => process.exit(1)));
  });
}
