/*
 * The tables of the campaign report: the summary, counts with a bar each (statement kinds, events),
 * fresh generation against corpus mutation, failures per label, the bugs with their findings, what
 * was never reached. HTML strings, escaped.
 */
import type { CampaignState } from '../store/campaignState.js';
import type { CorpusEntry } from '../store/corpusStore.js';
import type { BugGroup } from '../store/bugGroups.js';
import type { NeverReached } from './neverReached.js';
import { escapeHtml } from '../../views/htmlText.js';

export const html = escapeHtml;

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

/** Rows of name, value and optionally the value cell's id (what a test or a script reads). */
export function summaryTable(rows: Array<[string, string] | [string, string, string]>): string {
  return `<table class="summary">${rows.map(([k, v, id]) => `<tr><th>${html(k)}</th><td${id ? ` id="${id}"` : ''}>${html(v)}</td></tr>`).join('')}</table>`;
}

/**
 * One row per bug: its label, its findings (the simplest first, linked), and the failing programs that led
 * to them (each finding's `indices`: a bug's label carries its message, so campaign.json's counts per
 * invariant cannot be looked up by it, and two bugs may share an invariant).
 */
export function bugTable(groups: BugGroup[]): string {
  const rows = groups.map((g) => {
    const simplest = g.findings[0];
    const failing = g.findings.reduce((n, f) => n + f.indices.length, 0);
    const links = g.findings.map((f) => `<a href="#${html(f.signature)}">${html(f.signature)}</a>`).join('<br>');
    return `<tr class="bug-row"><td><b>${html(g.key)}</b></td><td class="n">${g.findings.length}</td>` +
      `<td class="n">${simplest.size}</td><td class="n">${number(failing)}</td><td class="mono">${links}</td></tr>`;
  });
  return '<table class="bugs"><tr><th>bug</th><th>findings</th><th>statements in the simplest</th><th>failing programs</th><th>findings, simplest first</th></tr>' +
    `${rows.join('')}</table>`;
}

const nameList = (names: string[]) => (names.length === 0 ? '<p class="note">none: all reached</p>' : `<p class="never">${names.map((n) => `<code>${html(n)}</code>`).join(' ')}</p>`);

export function neverReachedSection(never: NeverReached): string {
  const engine = never.engineCounters === null
    ? `<p class="warn">the engine could not be asked for its counters: ${html(never.engineProblem ?? '')}</p>`
    : never.engineCounterCount === 0
      ? '<p class="note">the engine lists no event counters (its optional <code>features()</code> names none on an empty program)</p>'
      : nameList(never.engineCounters);
  return '<p class="note">What no program of the campaign made happen. The engine\'s counters are those its <code>features()</code> lists on an empty program, ' +
    'less those campaign.json sums above zero; statement kinds are those campaigns draw from; collections are each generation, explicit and automatic.</p>' +
    `<h3>The engine's event counters never above zero (${never.engineCounters?.length ?? '?'} of ${never.engineCounterCount})</h3>${engine}` +
    `<h3>Statement kinds never run (${never.statementKinds.length})</h3>${nameList(never.statementKinds)}` +
    `<h3>Collections never seen (${never.collections.length})</h3>${nameList(never.collections)}` +
    `<h3 id="rules-never-reached">Rules and boundary sides never reached (${never.rules.length})</h3>` +
    '<p class="note">The rules of the campaign\'s version profile (docs/rules.md): <code>name</code> a rule no program reached, ' +
    '<code>name:below</code>, <code>:at</code>, <code>:above</code> a side of its boundary (the rule deciding at its limit − 1, at it, + 1) no program reached.</p>' +
    nameList(never.rules) +
    (never.rulesNotObserved.length > 0
      ? `<p class="note">Not observed by a campaign (shown only by an invariant, or by counters the engine does not list): ${never.rulesNotObserved.map((r) => `<code>${html(r)}</code>`).join(', ')}</p>`
      : '');
}
