/*
 * The mutation score of the suite against its 90% target, as the last mutation run left it
 * (`mutation/summary.json`, written by `npm run mutation` and `npm run mutation:full`; mutation/README.md).
 * The bench never runs Stryker itself — a sampled run takes up to half an hour — so each figure says
 * when, on which commit and on which mutants its report was made.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Figure } from './runBench.js';

/** One mode's entry of mutation/summary.json, as mutation/score.mjs writes it (the fields read here). */
export interface MutationSummary {
  mode: 'sample' | 'full';
  commit: string;
  dirty: boolean;
  date: string;
  sample?: { size: number; inScope: number; seed: number };
  runsPerProperty: number;
  counts: { killed: number; timedOut: number; survived: number; noCoverage: number; equivalent: number; ignored: number };
  score: number;
  target: number;
  time: { meanMs: number; wallMinutes?: number };
  load?: number[];
}

/** `<repository>/mutation/summary.json`, from the sources or from dist/. */
export function summaryFile(): string | undefined {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return join(dir, 'mutation', 'summary.json');
}

export function mutationFigures(file = summaryFile()): { figures: Figure[]; notes: string[] } {
  if (file === undefined || !existsSync(file)) return { figures: [], notes: ['no mutation report (mutation/summary.json): `npm run mutation` makes one'] };
  const summary = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<'sample' | 'full', MutationSummary>>;
  const figures = (['sample', 'full'] as const).flatMap((mode) => {
    const s = summary[mode];
    if (!s) return [];
    const c = s.counts;
    const scope = s.sample ? `a fixed sample of ${s.sample.size} of ${s.sample.inScope} mutants` : 'every mutant';
    const load = s.load ? `, load ${s.load.map((x) => x.toFixed(1)).join('→')}` : '';
    return [{
      name: `mutation score of impl/ (${mode}), equivalent mutants excluded`, unit: '%', pymem: 100 * s.score,
      ratio: s.score / s.target, target: `≥ ${Math.round(100 * s.target)}%`, met: s.score >= s.target,
      detail: `${scope}, ${s.runsPerProperty} programs per CI property; killed ${c.killed}, timed out ${c.timedOut}, survived ${c.survived}, ` +
        `equivalent ${c.equivalent} (mutation/equivalent.json), ignored ${c.ignored}; report of ${s.date.slice(0, 16).replace('T', ' ')} UTC on ${s.commit}` +
        `${s.dirty ? ' with uncommitted changes' : ''}${s.time.wallMinutes === undefined ? '' : `, ${s.time.wallMinutes} min${load}`}, ${(s.time.meanMs / 1000).toFixed(1)} s per mutant` +
        ' (`npm run mutation`; not rerun by the bench)',
    }];
  });
  return { figures, notes: [] };
}
