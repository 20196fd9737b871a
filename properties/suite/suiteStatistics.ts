/*
 * The statistics of one suite file's runs: what the generated programs exercised —
 * statement kinds, collections, and every event counter the implementation reports — accumulated
 * through checkPrograms' `onRun` hook, printed after the file's properties, and checked against the
 * required minimums where the file's generator profile draws from every statement kind.
 */
import type { Program } from '../../language/ast.js';
import { checkMinimums } from '../statistics/requiredMinimums.js';
import { RunStatistics } from '../statistics/runStatistics.js';
import { formatStatistics } from '../statistics/statisticsReport.js';
import type { LockstepResult } from '../lockstep/lockstep.js';

export class SuiteStatistics {
  readonly stats = new RunStatistics();
  readonly record = (program: Program, result: LockstepResult): void => this.stats.add(program, result);

  report(title: string): string {
    return `[pymem] ${title} statistics\n${formatStatistics(this.stats)}`;
  }

  /** Key events that fell below their minimum (empty when the sample is fine). */
  starved(): string[] {
    return checkMinimums(this.stats);
  }
}
