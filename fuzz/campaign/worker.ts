/*
 * A campaign worker thread (see protocol.ts). It loads its engine, keeps its own copy of the corpus,
 * and answers `run` with the batch's `results`, `shrink` with `shrunk`, `check` with `checked`. It
 * shares nothing with anyone but the progress cell it writes: the coordinator may terminate it at any
 * moment.
 *
 * Features are filtered against the ones this worker has already reported. Workers take ordinals in
 * increasing order, so a feature filtered out here was reported with a smaller ordinal, which the
 * coordinator commits first: the filter changes the traffic, never which programs join the corpus.
 * The one exception, a batch run again (out of order) after a worker hung or died, asks for all features.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Program } from '../../model/language/ast.js';
import { printProgram } from '../../model/language/print.js';
import type { CreateEngine } from '../../impl/engineUnderTest.js';
import { checkProgram } from './checkProgram.js';
import { loadCreateEngine } from './engineChoice.js';
import { FeatureNovelty } from './featureNovelty.js';
import { addProgramStatistics } from './observeProgram.js';
import { programAt } from './programSource.js';
import type { FromWorker, ProgramResult, Statistics, ToWorker, WorkerSettings } from './protocol.js';
import { confirmAndShrink, parseProgramText } from './shrinkFailure.js';

const port = parentPort!;
const settings = workerData as WorkerSettings;
const post = (message: FromWorker) => port.postMessage(message);

const progress = settings.progress ? new Int32Array(settings.progress) : null;
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
    if (progress) Atomics.store(progress, 0, ordinal);
    const { index, program, origin } = programAt(settings.source, ordinal, visible);
    const { result, failure } = checkProgram(program, createEngine);
    const passed = result && !failure ? result : null;
    const newFeatures = passed ? novelty.novel(program, passed, allFeatures) : [];
    addProgramStatistics(statistics, program, passed);
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
        if (progress) Atomics.add(progress, 0, 1);
        return createEngine(program, hooks);
      };
      return post({ type: 'shrunk', outcome: confirmAndShrink(message.job, counted) });
    }
    case 'check':
      return post({ type: 'checked', failure: checkProgram(parseProgramText(message.program, 'program'), createEngine).failure });
  }
}

// Listen at once; what arrives while the engine loads waits its turn.
const early: ToWorker[] = [];
let ready: CreateEngine | null = null;
port.on('message', (message: ToWorker) => {
  if (ready) handle(message, ready);
  else early.push(message);
});

try {
  const createEngine = await loadCreateEngine(settings.engine);
  addToCorpus(settings.corpus);
  ready = createEngine;
  post({ type: 'ready' });
  for (const message of early.splice(0)) handle(message, createEngine);
} catch (e) {
  post({ type: 'fatal', message: (e as Error).message });
  port.close();
}
