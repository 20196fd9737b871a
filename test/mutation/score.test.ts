// The mutation score as mutation/score.mjs computes it from a Stryker report (no Stryker run here: a
// report is made by hand): which survivors the equivalent list takes out — matched by file, mutator,
// replaced text, replacement and the text of the line, not by line number — and what the score counts.
import { describe, expect, it } from 'vitest';
import { formatScore, score, type EquivalentEntry, type ReportMutant, type StrykerReport } from '../../mutation/score.mjs';

const SOURCE = [
  'export function f(a: number): number {',
  '  const b = a + 0;',
  '  if (a > 1) return b;',
  '  return a - 1;',
  '}',
].join('\n');

/** A mutant replacing `text` on 1-based `line` of SOURCE (the first occurrence on the line). */
function mutant(id: string, line: number, text: string, mutatorName: string, replacement: string, status: string): ReportMutant {
  const column = SOURCE.split('\n')[line - 1].indexOf(text) + 1;
  if (column === 0) throw new Error(`'${text}' is not on line ${line}`);
  return { id, mutatorName, replacement, status, location: { start: { line, column }, end: { line, column: column + text.length } } };
}

const report = (mutants: ReportMutant[], source = SOURCE): StrykerReport => ({ files: { 'impl/f.ts': { source, mutants } } });

const plusZero: EquivalentEntry = {
  file: 'impl/f.ts', line: 2, context: 'const b = a + 0;', mutator: 'ArithmeticOperator', original: 'a + 0', replacement: 'a - 0', reason: 'adding or taking 0 is the same',
};

const MUTANTS = [
  mutant('1', 2, 'a + 0', 'ArithmeticOperator', 'a - 0', 'Survived'),
  mutant('2', 3, 'a > 1', 'EqualityOperator', 'a >= 1', 'Survived'),
  mutant('3', 4, 'a - 1', 'ArithmeticOperator', 'a + 1', 'Killed'),
  mutant('4', 3, 'a > 1', 'ConditionalExpression', 'true', 'Timeout'),
];

describe('the mutation score', () => {
  it('takes a listed equivalent survivor out of the denominator and names the other survivors', () => {
    const s = score({ report: report(MUTANTS), run: { mode: 'full' }, log: [], equivalents: [plusZero] });
    expect(s.counts).toMatchObject({ killed: 1, timedOut: 1, survived: 1, equivalent: 1 });
    expect(s.score).toBe(2 / 3);
    expect(s.survivors.map((m) => `${m.line} ${m.replacement}`)).toEqual(['3 a >= 1']);
    expect(formatScore(s)).toContain('score 66.7%');
  });

  it('without the list every survivor counts', () => {
    expect(score({ report: report(MUTANTS), run: { mode: 'full' }, log: [], equivalents: [] }).score).toBe(2 / 4);
  });

  it('matches an entry by its line\'s text when the line has moved, and not when the line has changed', () => {
    const moved = '// a comment above\n' + SOURCE;
    const shifted = MUTANTS.map((m) => ({ ...m, location: { start: { ...m.location.start, line: m.location.start.line + 1 }, end: { ...m.location.end, line: m.location.end.line + 1 } } }));
    expect(score({ report: report(shifted, moved), run: { mode: 'full' }, log: [], equivalents: [plusZero] }).counts.equivalent).toBe(1);
    const changed = SOURCE.replace('const b = a + 0;', 'const b = a + 0; // now different');
    expect(score({ report: report(MUTANTS, changed), run: { mode: 'full' }, log: [], equivalents: [plusZero] }).counts.equivalent).toBe(0);
  });

  it('reports a listed mutant that was killed: its reason is wrong', () => {
    const killed = MUTANTS.map((m) => (m.id === '1' ? { ...m, status: 'Killed' } : m));
    const s = score({ report: report(killed), run: { mode: 'full' }, log: [], equivalents: [plusZero] });
    expect(s.counts.equivalent).toBe(0);
    expect(s.wronglyListedAsEquivalent.map((m) => m.status)).toEqual(['Killed']);
    expect(formatScore(s)).toContain('listed as equivalent but Killed');
  });
});
