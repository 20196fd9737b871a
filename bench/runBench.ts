/*
 * `pymem bench`: every figure next to its anchor, measured in the same run on this machine,
 * as a ratio against its target. Benchmarks print numbers; no test ever asserts on them.
 *
 * Sections (`--only`): mix (with CPython's anchors), collector, scale, checked, here; mutation (the last
 * mutation run's score, read from mutation/summary.json by mutationScore.ts); and planted (plantedBugs.ts,
 * minutes), which the CLI adds; `pymem bench` runs them all by default.
 *
 * Under a version profile (`--cpython`), the implementation runs that profile and the anchors are
 * measured by that version's interpreter in the same run (`--python`, or python3).
 */
import type { CreateEngine } from '../contract/engine.js';
import { checkedThroughput } from './checkedThroughput.js';
import { fullCollectionGarbage, fullCollectionLive, scale } from './collectorCost.js';
import { measureCpython } from './cpython.js';
import { mutationFigures } from './mutationScore.js';
import { runMixOnImplementation } from './runMix.js';
import { PLANTED_SEEDS } from './plantedBugs.js';
import { standardMix, type StandardMix } from './standardMix.js';
import { DEFAULT_CPYTHON, type CPythonVersion } from '../language/ast.js';

export interface BenchProfile {
  /** The version profile the implementation runs under (default 3.11). */
  cpython?: CPythonVersion;
  /** The interpreter that measures the anchors, of that version (default `python3`). */
  python?: string;
}

export interface Figure {
  name: string;
  unit: string;
  pymem: number;
  /** The anchor measured in the same run (CPython), when there is one. */
  anchor?: number;
  anchorName?: string;
  /** pymem / anchor, or pymem / target when there is no anchor. */
  ratio?: number;
  target: string;
  met: boolean;
  detail?: string;
}

export interface BenchSizes {
  mixStatements: number;
  collectorObjects: number;
  scaleObjects: number;
  checkedPrograms: number;
}

export const FULL_SIZES: BenchSizes = { mixStatements: 1_000_000, collectorObjects: 1_000_000, scaleObjects: 10_000_000, checkedPrograms: 3000 };
export const QUICK_SIZES: BenchSizes = { mixStatements: 20_000, collectorObjects: 20_000, scaleObjects: 50_000, checkedPrograms: 50 };

export const SECTIONS = ['mix', 'collector', 'scale', 'checked', 'mutation', 'planted'] as const;
export type Section = (typeof SECTIONS)[number];
export const DEFAULT_SECTIONS: readonly Section[] = ['mix', 'collector', 'scale', 'checked', 'mutation'];

/** `checkedEngine`: the engine of the checked-throughput figure (default: pymem's implementation). */
export function runBench(
  sizes: BenchSizes, log: (line: string) => void = () => {}, sections: readonly Section[] = DEFAULT_SECTIONS, checkedEngine?: CreateEngine,
  profile: BenchProfile = {},
): { figures: Figure[]; notes: string[] } {
  const cpython = profile.cpython ?? DEFAULT_CPYTHON;
  const notes: string[] = [`CPython ${cpython}: the implementation's profile and the anchors' interpreter (${profile.python ?? 'python3'})`];
  const figures: Figure[] = [];
  const want = (s: Section) => sections.includes(s);
  let mix: StandardMix | undefined;
  let anchor: Anchor;
  if (want('mix') || want('collector')) {
    log('standard mix: building');
    mix = standardMix(sizes.mixStatements);
    log('standard mix: CPython');
    const measured = measureCpython(mix.operations, sizes.collectorObjects, profile.python, cpython);
    if ('error' in measured) notes.push(`no CPython anchors: ${measured.error}`);
    else anchor = measured;
  }
  if (mix && want('mix')) figures.push(mixFigure(mix, anchor, log, cpython));
  if (want('collector')) figures.push(...collectorFigures(sizes, anchor, log, cpython));
  if (want('scale')) figures.push(...scaleFigures(sizes, log));
  if (want('checked')) figures.push(checkedFigure(sizes, log, checkedEngine, cpython));
  if (want('mutation')) {
    const mutation = mutationFigures();
    figures.push(...mutation.figures);
    notes.push(...mutation.notes);
  }
  if (!want('planted')) notes.push(`planted bugs (minutes): \`pymem bench --only planted\` prints each bug's median time to detection and shrunk size over ${PLANTED_SEEDS} seeds`);
  return { figures, notes };
}

const COLLECTOR_RUNS = 3;

function bestOf<R extends { nsPerObject: number }>(run: () => R): R {
  let best = run();
  for (let k = 1; k < COLLECTOR_RUNS; k++) {
    const r = run();
    if (r.nsPerObject < best.nsPerObject) best = r;
  }
  return best;
}

type Anchor = Exclude<ReturnType<typeof measureCpython>, { error: string }> | undefined;

function mixFigure(mix: StandardMix, anchor: Anchor, log: (line: string) => void, cpython: CPythonVersion): Figure {
  log('standard mix: pymem');
  const ours = runMixOnImplementation(mix, undefined, cpython);
  const mixRatio = anchor ? ours.statementsPerSecond / anchor.mix.statementsPerSecond : undefined;
  return {
    name: 'implementation throughput, standard mix', unit: 'statements/s', pymem: ours.statementsPerSecond,
    anchor: anchor?.mix.statementsPerSecond, anchorName: 'CPython', ratio: mixRatio, target: '≥ 2× CPython',
    met: mixRatio !== undefined && mixRatio >= 2,
    detail: `collections per generation: pymem ${ours.collections.join('/')}` + (anchor ? `, CPython ${anchor.mix.collections.join('/')}` : ''),
  };
}

function collectorFigures(sizes: BenchSizes, anchor: Anchor, log: (line: string) => void, cpython: CPythonVersion): Figure[] {
  const figures: Figure[] = [];
  log('full collection: live');
  // One collection of a tenth of the size first, so that the timed ones run optimized code (CPython has
  // no JIT to warm); then the best of COLLECTOR_RUNS, as CPython's side reports (bench/cpython.py).
  fullCollectionLive(Math.ceil(sizes.collectorObjects / 10), 3, cpython);
  fullCollectionGarbage(Math.ceil(sizes.collectorObjects / 10), cpython);
  const live = fullCollectionLive(sizes.collectorObjects, COLLECTOR_RUNS, cpython);
  const liveRatio = anchor ? live.nsPerObject / anchor.liveNsPerObject : undefined;
  figures.push({
    name: `full collection, ${sizes.collectorObjects.toLocaleString('en-US')} live objects`, unit: 'ns/object', pymem: live.nsPerObject,
    anchor: anchor?.liveNsPerObject, anchorName: 'CPython', ratio: liveRatio, target: '≤ 1.0× CPython', met: liveRatio !== undefined && liveRatio <= 1,
  });
  log('full collection: garbage');
  const garbage = bestOf(() => fullCollectionGarbage(sizes.collectorObjects, cpython));
  const garbageRatio = anchor ? garbage.nsPerObject / anchor.garbageNsPerObject : undefined;
  figures.push({
    name: `full collection, ${sizes.collectorObjects.toLocaleString('en-US')} garbage objects in 2-cycles`, unit: 'ns/object',
    pymem: garbage.nsPerObject, anchor: anchor?.garbageNsPerObject, anchorName: 'CPython', ratio: garbageRatio,
    target: '≤ 1.0× CPython', met: garbageRatio !== undefined && garbageRatio <= 1, detail: `collected ${garbage.collected}`,
  });
  return figures;
}

function scaleFigures(sizes: BenchSizes, log: (line: string) => void): Figure[] {
  const figures: Figure[] = [];
  log('scale');
  const big = scale(sizes.scaleObjects);
  figures.push({
    name: `memory per object at ${sizes.scaleObjects.toLocaleString('en-US')} live objects`, unit: 'bytes/object',
    pymem: big.bytesPerObject, ratio: big.bytesPerObject / 150, target: '≤ 150 bytes', met: big.bytesPerObject <= 150,
  });
  figures.push({
    name: `full collection at ${sizes.scaleObjects.toLocaleString('en-US')} live objects`, unit: 'ms',
    pymem: big.fullCollectionMs, ratio: big.fullCollectionMs / 1500, target: '< 1500 ms', met: big.fullCollectionMs < 1500,
  });
  return figures;
}

function checkedFigure(sizes: BenchSizes, log: (line: string) => void, createEngine: CreateEngine | undefined, cpython: CPythonVersion): Figure {
  log('checked throughput');
  const checked = checkedThroughput(sizes.checkedPrograms, undefined, createEngine, cpython);
  if (createEngine) {
    // The target is pymem's own implementation's: a plug-in is measured, not judged by it.
    return {
      name: 'checked throughput of the plug-in (lockstep at its level), one core', unit: 'statements/s', pymem: checked.statementsPerSecond,
      target: '—', met: true, detail: `${checked.programs} generated programs; the ≥ 200,000 target is for pymem's implementation`,
    };
  }
  return {
    name: 'checked throughput (lockstep + all invariants), one core', unit: 'statements/s', pymem: checked.statementsPerSecond,
    ratio: checked.statementsPerSecond / 200_000, target: '≥ 200,000', met: checked.statementsPerSecond >= 200_000,
    detail: `${checked.programs} generated programs`,
  };
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '—' : n === Infinity ? 'not found' : n >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toFixed(digits);

export function formatBench(result: { figures: Figure[]; notes: string[] }): string {
  const rows = result.figures.map((f) => [
    f.name, Number.isFinite(f.pymem) ? `${fmt(f.pymem)} ${f.unit}` : fmt(f.pymem), f.anchor === undefined ? '—' : `${fmt(f.anchor)} (${f.anchorName})`,
    f.ratio === undefined ? '—' : `${f.ratio.toFixed(2)}×`, f.target, f.target === '—' ? '' : f.met ? 'met' : 'NOT met',
  ]);
  const header = ['figure', 'pymem', 'anchor', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const details = result.figures.filter((f) => f.detail).map((f) => `  ${f.name}: ${f.detail}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', ...details, ...result.notes.map((n) => `note: ${n}`), ''].join('\n');
}
