/*
 * One program checked in a worker process with a time and memory limit: how `pymem replay` re-runs a
 * finding that hung or killed its worker, without hanging or dying itself.
 */
import type { EngineChoice, EngineLoader } from '../protocol/engineChoice.js';
import type { Failure } from '../protocol/protocol.js';
import type { ContractLevel } from '../../contract/declaration.js';
import { WorkerSlot } from '../campaign/workerSlot.js';

export function checkInWorker(
  program: string, engine: EngineChoice, engines: EngineLoader, timeoutMs: number, memoryLimitMb: number, contract?: ContractLevel,
): Promise<Failure | null> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (outcome: () => void) => {
      clearTimeout(timer);
      void slot.terminate().then(outcome);
    };
    const lost = (kind: 'hang' | 'crash', message: string): Failure =>
      ({ kind, invariant: null, message, step: 0, line: 0, objects: [], killedWorker: true });
    const slot = new WorkerSlot(0, engines.workerModule, memoryLimitMb, {
      message: (_slot, m) => {
        if (m.type === 'ready') {
          slot.send({ type: 'check', program });
          timer = setTimeout(() => done(() => resolve(lost('hang', `the program ran longer than the ${(timeoutMs / 1000).toFixed(1)} s time limit`))), timeoutMs);
        } else if (m.type === 'checked') {
          done(() => resolve(m.failure));
        } else if (m.type === 'fatal') {
          done(() => reject(new Error(m.message)));
        }
      },
      death: (_slot, reason) => {
        clearTimeout(timer);
        resolve(lost('crash', reason));
      },
    });
    slot.start({ engine, contract, corpus: [], source: { seed: '0', shard: { index: 0, count: 1 }, maxStatements: 1 } });
  });
}
