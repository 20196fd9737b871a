/*
 * The types of score.mjs, for the TypeScript that imports it (test/mutation/score.test.ts): the
 * mutation scripts are plain ESM run by Node and Stryker, outside the compiled tree.
 */
export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement: string;
  status: string;
  statusReason?: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
export interface StrykerReport {
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
}
export interface EquivalentEntry {
  file: string;
  line: number;
  context: string;
  mutator: string;
  original: string;
  replacement: string;
  reason: string;
}
export interface Located {
  file: string;
  line: number;
  mutator: string;
  replacement: string;
  original: string;
  context: string;
}
export interface Score {
  mode: string;
  commit: string;
  dirty: boolean;
  date: string;
  sample?: { size: number; seed: number; inScope: number; ignoredInScope: number };
  runsPerProperty?: number;
  counts: { killed: number; timedOut: number; survived: number; noCoverage: number; equivalent: number; ignored: number; errors: number; hangs: number };
  score: number;
  target: number;
  survivors: Located[];
  equivalentMatched: number;
  wronglyListedAsEquivalent: (Located & { status: string })[];
  time: Record<string, number | undefined>;
  load?: number[];
  loadDuring?: { min: number; max: number; mean: number };
}
export const EQUIVALENT_FILE: string;
export const SUMMARY_FILE: string;
export const TARGET: number;
export function score(inputs?: { report?: StrykerReport; run?: Record<string, unknown>; log?: Record<string, unknown>[]; equivalents?: EquivalentEntry[] }): Score;
export function formatScore(s: Score): string;
export function saveSummary(s: Score): void;
