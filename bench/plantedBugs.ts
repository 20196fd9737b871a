/*
 * The planted-bug figure: for each bug of the catalog, the suite's own hunt
 * (plantedBugs/huntPlantedBug.ts) from several seeds — the median time to the first failing
 * program, and the median size of the shrunk program against the hand-minimal one. Target: every bug
 * found, median < 10 s, shrunk ≤ 1.5× the minimal program. Slow (a hunt that finds nothing runs its
 * whole budget), so `pymem bench` runs it only on request: `pymem bench --only planted`.
 *
 * One bug, one finding: every failure a hunt keeps is shrunk, as a campaign shrinks its findings; per
 * seed the *findings* are the distinct shrunk programs (with their invariant) and the *bugs* the
 * distinct bug keys among them (properties/suite/bugKey.ts, the campaign's grouping), and the
 * representative is the simplest shrunk program (properties/shrink/programOrder.ts). A bug meets the
 * canonical target when every seed gives one bug and the representative is the same text with every
 * seed; the last figure is the share of planted bugs that meet it (target ≥ 90 %), with the shrinker's
 * evaluations summed over every bug and seed.
 */
import { PLANTED_BUGS } from '../plantedBugs/catalog.js';
import { HUNT_SEED, PROGRAMS_PER_BUG, huntPlantedBug, statementsOf } from '../plantedBugs/huntPlantedBug.js';
import { loadVariant } from '../plantedBugs/loadVariant.js';
import type { PlantedBug } from '../plantedBugs/plantedBug.js';
import { printProgram } from '../language/print.js';
import { compareSimplicity } from '../properties/shrink/programOrder.js';
import type { ShrinkResult } from '../properties/shrink/shrinkProgram.js';
import { bugKey, statementRole } from '../properties/suite/bugKey.js';
import type { Figure } from './runBench.js';

export const PLANTED_SEEDS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A hunt's shrunk failures as a campaign would file and group them. */
export function findingsOfHunt(shrunk: readonly ShrinkResult[]): { findings: number; bugs: number; representative: string | null } {
  const findings = new Set(shrunk.map((r) => `${r.divergence.invariant}\n${printProgram(r.program)}`));
  const bugs = new Set(shrunk.map((r) => bugKey({
    kind: 'divergence', invariant: r.divergence.invariant, message: r.divergence.message, role: statementRole(r.program.statements, r.divergence.step),
  })));
  const simplest = [...shrunk].sort((a, b) => compareSimplicity(a.program, b.program))[0];
  return { findings: findings.size, bugs: bugs.size, representative: simplest ? printProgram(simplest.program) : null };
}

export async function plantedBugFigures(
  seeds = PLANTED_SEEDS, log: (line: string) => void = () => {}, bugs: readonly PlantedBug[] = PLANTED_BUGS,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  let canonical = 0;
  let evaluations = 0;
  for (const bug of bugs) {
    const variant = await loadVariant(bug);
    const minimal = statementsOf(bug.minimal);
    const times: number[] = [];
    const programs: number[] = [];
    const sizes: number[] = [];
    const grouped: Array<ReturnType<typeof findingsOfHunt>> = [];
    for (let k = 0; k < seeds; k++) {
      log(`planted bugs: ${bug.name}, seed ${HUNT_SEED + k}`);
      const h = huntPlantedBug(variant, HUNT_SEED + k, bug.kinds, undefined, bug.cpython);
      // Not found (or not shrinkable) counts as never: it pulls the median to "not found" when it is most seeds.
      times.push(h.found && h.shrunk ? h.found.ms : Infinity);
      programs.push(h.found ? h.found.program : Infinity);
      if (h.shrunk) sizes.push(h.shrunk.program.statements.length);
      grouped.push(findingsOfHunt(h.shrunkAll));
      evaluations += h.shrunkAll.reduce((sum, r) => sum + r.evaluations, 0);
    }
    const oneBug = grouped.every((g) => g.bugs === 1);
    const identical = new Set(grouped.map((g) => g.representative)).size === 1 && grouped[0].representative !== null;
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
    detail: `${canonical}/${bugs.length} planted bugs gave one bug with every seed and the same shrunk text across ${seeds} seed${seeds === 1 ? '' : 's'}; ` +
      `${evaluations.toLocaleString('en-US')} shrink evaluations in all`,
  });
  return figures;
}

const fmtPrograms = (n: number) => (Number.isFinite(n) ? `${n} program${n === 1 ? '' : 's'}` : 'not found');
