/*
 * The program a campaign's worker processes run (forked by fuzz/campaign/workerSlot.ts): the campaign
 * worker of fuzz/worker/worker.ts, loading engines the way the command line does.
 */
import { serveWorker } from '../fuzz/worker/worker.js';
import { engineLoader } from './engines.js';

serveWorker(engineLoader.load);
