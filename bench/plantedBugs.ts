/*
 * The planted-bug figure: for each bug of the catalog, the suite's own hunt
 * (plantedBugs/huntPlantedBug.ts) from several seeds — the median time to the first failing
 * program, and the median size of the shrunk program against the hand-minimal one. Target: every bug
 * found, median < 10 s, shrunk ≤ 1.5× the minimal program. Slow (a hunt that finds nothing runs its
 * whole budget), so `pymem bench` runs it only on request: `pymem bench --only planted`.
 */
import { PLANTED_BUGS } from '../plantedBugs/catalog.js';
import { HUNT_SEED, PROGRAMS_PER_BUG, huntPlantedBug, statementsOf } from '../plantedBugs/huntPlantedBug.js';
import { loadVariant } from '../plantedBugs/loadVariant.js';
import type { PlantedBug } from '../plantedBugs/plantedBug.js';
import type { Figure } from './runBench.js';

export const PLANTED_SEEDS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function plantedBugFigures(
  seeds = PLANTED_SEEDS, log: (line: string) => void = () => {}, bugs: readonly PlantedBug[] = PLANTED_BUGS,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const bug of bugs) {
    const variant = await loadVariant(bug);
    const minimal = statementsOf(bug.minimal);
    const times: number[] = [];
    const programs: number[] = [];
    const sizes: number[] = [];
    for (let k = 0; k < seeds; k++) {
      log(`planted bugs: ${bug.name}, seed ${HUNT_SEED + k}`);
      const h = huntPlantedBug(variant, HUNT_SEED + k, bug.kinds, undefined, bug.cpython);
      // Not found (or not shrinkable) counts as never: it pulls the median to "not found" when it is most seeds.
      times.push(h.found && h.shrunk ? h.found.ms : Infinity);
      programs.push(h.found ? h.found.program : Infinity);
      if (h.shrunk) sizes.push(h.shrunk.program.statements.length);
    }
    const found = times.filter(Number.isFinite).length;
    const ms = median(times);
    const shrunk = median(sizes);
    const ratio = shrunk / minimal;
    figures.push({
      name: `planted bug ${bug.name}`, unit: 'ms to detection', pymem: ms, ratio: Number.isFinite(ratio) ? ratio : undefined,
      target: '< 10 s, shrunk ≤ 1.5× minimal', met: found === seeds && ms < 10_000 && ratio <= 1.5,
      detail: `found with ${found}/${seeds} seeds (within ${PROGRAMS_PER_BUG.toLocaleString('en-US')} programs), median ${fmtPrograms(median(programs))}; ` +
        `shrunk to ${Number.isFinite(shrunk) ? shrunk : '—'} statements (median; ratio column: shrunk / minimal) vs ${minimal} hand-minimal`,
    });
  }
  return figures;
}

const fmtPrograms = (n: number) => (Number.isFinite(n) ? `${n} program${n === 1 ? '' : 's'}` : 'not found');
