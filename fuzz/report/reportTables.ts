/*
 * The tables of the campaign report: counts with a bar each (statement kinds, events), fresh
 * generation against corpus mutation, failures per label. HTML strings, escaped.
 */
import type { CampaignState } from '../store/campaignState.js';
import type { CorpusEntry } from '../store/corpusStore.js';

export const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const number = (n: number) => n.toLocaleString('en-US');

/** A table of counts with bars; `perProgram` adds the count per 1000 programs instead of a share. */
export function countTable(title: string, counts: Record<string, number>, perProgram?: number): string {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const total = rows.reduce((sum, r) => sum + r[1], 0);
  const third = perProgram === undefined ? 'share' : 'per 1000 programs';
  const perThousand = (n: number) => {
    const v = (1000 * n) / Math.max(1, perProgram ?? 1);
    return v >= 100 ? number(Math.round(v)) : String(+v.toPrecision(3));
  };
  const ratio = (n: number) => (perProgram === undefined ? `${((100 * n) / Math.max(1, total)).toFixed(1)}%` : perThousand(n));
  const body = rows.map(([name, n]) =>
    `<tr><td>${html(name)}</td><td class="n">${number(n)}</td><td class="n">${ratio(n)}</td>` +
    `<td class="bar"><span style="width:${((100 * n) / max).toFixed(1)}%"></span></td></tr>`);
  return `<table class="counts"><caption>${html(title)}</caption><tr><th>name</th><th>count</th><th>${third}</th><th></th></tr>${body.join('')}</table>`;
}

export function originTable(state: CampaignState, corpus: CorpusEntry[]): string {
  const c = state.counters;
  const row = (origin: 'fresh' | 'mutant', label: string) => {
    const programs = origin === 'fresh' ? c.fresh : c.mutants;
    const features = state.featuresByOrigin[origin];
    const entries = corpus.filter((e) => e.origin === origin).length;
    const rate = programs === 0 ? '–' : ((1000 * features) / programs).toFixed(2);
    return `<tr><td>${label}</td><td class="n">${number(programs)}</td><td class="n">${number(features)}</td><td class="n">${number(entries)}</td><td class="n">${rate}</td></tr>`;
  };
  return '<table class="counts"><caption>Fresh generation vs corpus mutation</caption>' +
    '<tr><th>programs</th><th>run</th><th>new features</th><th>corpus entries</th><th>features per 1000 programs</th></tr>' +
    row('fresh', 'fresh swarm programs') + row('mutant', 'mutants of corpus programs') + '</table>';
}

export function summaryTable(rows: Array<[string, string]>): string {
  return `<table class="summary">${rows.map(([k, v]) => `<tr><th>${html(k)}</th><td>${html(v)}</td></tr>`).join('')}</table>`;
}
