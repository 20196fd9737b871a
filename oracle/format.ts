/*
 * How the oracle's results read on a terminal: one line per statement (agrees, or the fields that
 * disagree with both values), then a verdict; for generated programs, each disagreeing program as
 * Python text with its first disagreement.
 */
import type { Disagreement, StepComparison } from './compare.js';
import type { GeneratedOutcome } from './generate.js';
import type { OracleResult } from './oracle.js';

/** What CPython cannot show, hence never compared (stated in every verdict). */
export const NOT_OBSERVABLE =
  'deaths of lists, dicts, tuples, bytes and weakrefs (they take no weak reference), addresses, traced memory totals and the allocator';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function describeDisagreement(d: Disagreement): string {
  return `step ${d.step}, line ${d.line} (${d.statement}): ${d.field}: CPython ${show(d.cpython)}, pymem ${show(d.pymem)}`;
}

export function formatSteps(steps: StepComparison[]): string[] {
  const width = Math.max(0, ...steps.map((s) => s.statement.length));
  const out: string[] = [];
  for (const s of steps) {
    const head = `  step ${String(s.step).padStart(3)}  line ${String(s.line).padStart(3)}  ${s.statement.padEnd(width)}  `;
    out.push(head + (s.disagreements.length === 0 ? 'agrees' : 'DISAGREES'));
    for (const d of s.disagreements) out.push(`      ${d.field}: CPython ${show(d.cpython)}, pymem ${show(d.pymem)}`);
    for (const why of s.skipped) out.push(`      not compared: ${why}`);
  }
  return out;
}

export function formatVerdict(result: OracleResult, statements: number): string {
  if (!result.ok) return `FAIL: CPython's run could not be observed: ${result.message}`;
  const { disagreements, observation } = result;
  const unreported = result.notReported.length > 0 ? `; not reported by the engine, so not compared: ${result.notReported.join(', ')}` : '';
  if (disagreements.length === 0) {
    return `ok: ${statements} statements agree with CPython ${observation.python} (not observable, so not compared: ${NOT_OBSERVABLE}${unreported})`;
  }
  const steps = [...new Set(disagreements.map((d) => d.step))];
  return `FAIL: ${disagreements.length} disagreement(s) with CPython ${observation.python} at step(s) ${steps.join(', ')}; first: ${describeDisagreement(disagreements[0])}${unreported}`;
}

export function formatGeneratedFailure(o: GeneratedOutcome): string {
  const first = o.result.ok ? describeDisagreement(o.result.disagreements[0]) : `CPython's run could not be observed: ${o.result.message}`;
  const program = o.text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  return `program ${o.index} disagrees: ${first}\n${program}\n`;
}
