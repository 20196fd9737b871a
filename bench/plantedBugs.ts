/*
 * The planted-bug figure: for each bug of the catalog, the suite's own hunt
 * (plantedBugs/huntPlantedBug.ts) from several seeds — the median time to the first failing
 * program, and the median size of the shrunk program against the hand-minimal one. Target: every bug
 * found, median < 10 s, shrunk ≤ 1.5× the minimal program. Slow (a hunt that finds nothing runs its
 * whole budget), so `pymem bench` runs it only on request: `pymem bench --only planted`.
 *
 * One bug, one finding: every failure a hunt keeps is shrunk and given its witness, as a campaign's
 * shrinker does (fuzz/worker/shrinkFailure.ts), and filed as the campaign's finding ledger files it —
 * one finding per signature, keyed by the witness (fuzz/store/findingRecord.ts's `bugOfFinding`) —
 * then grouped by the campaign's own `groupFindings` (fuzz/store/bugGroups.ts): per seed the *findings*
 * and the *bugs*, and each bug's witness, the simplest program that fails that way. A planted bug meets
 * the canonical target when every seed gives one bug and its witness is the same text with every seed;
 * the last figure is the share of planted bugs that meet it (target ≥ 90 %), with the shrinker's
 * evaluations summed over every bug and seed (each finding's own shrink, then the witnesses').
 */
import { PLANTED_BUGS } from '../plantedBugs/catalog.js';
import { HUNT_SEED, PROGRAMS_PER_BUG, huntPlantedBug, statementsOf, type Hunt } from '../plantedBugs/huntPlantedBug.js';
import { loadVariant } from '../plantedBugs/loadVariant.js';
import type { PlantedBug } from '../plantedBugs/plantedBug.js';
import { printProgram } from '../language/print.js';
import { printedWitness } from '../properties/shrink/witness.js';
import { groupFindings } from '../fuzz/store/bugGroups.js';
import { FINDING_FORMAT, FINDING_VERSION, bugOfFinding, findingSignature, statementCount, type FindingRecord } from '../fuzz/store/findingRecord.js';
import type { Figure } from './runBench.js';

export const PLANTED_SEEDS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface HuntFindings {
  findings: number;
  bugs: number;
  /** The witness of the first bug (the only one, when the hunt met the target), as text. */
  witness: string | null;
  /** The first bug's representative: its simplest finding's own program. */
  representative: string | null;
  evaluations: { shrink: number; witness: number };
}


/** A hunt's shrunk failures as a campaign's ledger files them (one finding per signature), grouped as the campaign groups them. */
export function findingsOfHunt(hunt: Pick<Hunt, 'shrunkAll' | 'witnesses'>): HuntFindings {
  const records = new Map<string, FindingRecord>();
  const evaluations = { shrink: 0, witness: 0 };
  hunt.shrunkAll.forEach((r, k) => {
    evaluations.shrink += r.evaluations;
    const program = printProgram(r.program);
    const failure = { kind: 'divergence' as const, ...r.divergence };
    const signature = findingSignature(failure, program);
    if (records.has(signature)) return;
    const witness = printedWitness(hunt.witnesses[k]);
    evaluations.witness += witness.evaluations;
    records.set(signature, {
      format: FINDING_FORMAT, version: FINDING_VERSION, signature, bug: bugOfFinding(failure, program, witness), witness, kind: 'divergence', status: 'shrunk',
      invariant: r.divergence.invariant, message: r.divergence.message, step: r.divergence.step, line: r.divergence.line, objects: r.divergence.objects,
      seed: '0', shard: { index: 0, count: 1 }, index: k, origin: 'fresh', indices: [k], engine: { kind: 'builtin' },
      limits: { programTimeoutMs: 0, memoryLimitMb: 0 }, program, size: statementCount(program), originalProgram: program, originalSize: statementCount(program),
      evaluations: r.evaluations, replays: null, trace: null, versions: { pymem: '0', node: '0' },
    });
  });
  const groups = groupFindings([...records.values()]);
  return {
    findings: records.size, bugs: groups.length, witness: groups[0]?.witness?.program ?? null, representative: groups[0]?.findings[0].program ?? null, evaluations,
  };
}

export async function plantedBugFigures(
  seeds = PLANTED_SEEDS, log: (line: string) => void = () => {}, bugs: readonly PlantedBug[] = PLANTED_BUGS,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  let canonical = 0;
  let everyOneBug = 0;
  let sameWitness = 0;
  let sameRepresentative = 0;
  const evaluations = { shrink: 0, witness: 0 };
  for (const bug of bugs) {
    const variant = await loadVariant(bug);
    const minimal = statementsOf(bug.minimal);
    const times: number[] = [];
    const programs: number[] = [];
    const sizes: number[] = [];
    const grouped: HuntFindings[] = [];
    for (let k = 0; k < seeds; k++) {
      log(`planted bugs: ${bug.name}, seed ${HUNT_SEED + k}`);
      const h = huntPlantedBug(variant, HUNT_SEED + k, bug.kinds, undefined, bug.cpython);
      // Not found (or not shrinkable) counts as never: it pulls the median to "not found" when it is most seeds.
      times.push(h.found && h.shrunk ? h.found.ms : Infinity);
      programs.push(h.found ? h.found.program : Infinity);
      if (h.shrunk) sizes.push(h.shrunk.program.statements.length);
      const g = findingsOfHunt(h);
      grouped.push(g);
      evaluations.shrink += g.evaluations.shrink;
      evaluations.witness += g.evaluations.witness;
    }
    const oneBug = grouped.every((g) => g.bugs === 1);
    const identical = new Set(grouped.map((g) => g.witness)).size === 1 && grouped[0].witness !== null;
    if (oneBug) everyOneBug++;
    if (identical) sameWitness++;
    if (new Set(grouped.map((g) => g.representative)).size === 1 && grouped[0].representative !== null) sameRepresentative++;
    if (oneBug && identical) canonical++;
    const found = times.filter(Number.isFinite).length;
    const ms = median(times);
    const shrunk = median(sizes);
    const ratio = shrunk / minimal;
    figures.push({
      name: `planted bug ${bug.name}`, unit: 'ms to detection', pymem: ms, ratio: Number.isFinite(ratio) ? ratio : undefined,
      target: '< 10 s, shrunk ≤ 1.5× minimal', met: found === seeds && ms < 10_000 && ratio <= 1.5,
      detail: `found with ${found}/${seeds} seeds (within ${PROGRAMS_PER_BUG.toLocaleString('en-US')} programs), median ${fmtPrograms(median(programs))}; ` +
        `shrunk to ${Number.isFinite(shrunk) ? shrunk : '—'} statements (median; ratio column: shrunk / minimal) vs ${minimal} hand-minimal; ` +
        `bugs ${grouped.map((g) => g.bugs).join(',')}, findings ${grouped.map((g) => g.findings).join(',')} per seed; ` +
        `shrunk text identical across seeds: ${identical ? 'yes' : 'no'}`,
    });
  }
  const share = bugs.length === 0 ? NaN : (100 * canonical) / bugs.length;
  figures.push({
    name: 'planted bugs: one bug and one shrunk text', unit: '% of planted bugs', pymem: share, target: '≥ 90 %', met: share >= 90,
    detail: `${canonical}/${bugs.length} planted bugs gave one bug with every seed and the same shrunk text (the bug's witness) across ${seeds} seed${seeds === 1 ? '' : 's'} ` +
      `(one bug with every seed: ${everyOneBug}; the same witness: ${sameWitness}; the same representative finding: ${sameRepresentative}); ` +
      `${(evaluations.shrink + evaluations.witness).toLocaleString('en-US')} shrink evaluations in all ` +
      `(${evaluations.shrink.toLocaleString('en-US')} the findings' own, ${evaluations.witness.toLocaleString('en-US')} their witnesses')`,
  });
  return figures;
}

const fmtPrograms = (n: number) => (Number.isFinite(n) ? `${n} program${n === 1 ? '' : 's'}` : 'not found');
