/*
 * docs/invariants.md, generated from the catalogue: what each invariant says, its layer and contract
 * level, which checkers report it, its required minimum, and the planted bugs that prove it can fail.
 * The planted bugs are passed in (plantedBugs/ sits above properties/): scripts/invariants-doc.mjs
 * writes the file, and test/properties/invariants.test.ts fails when the file is not what this returns.
 */
import { CHECKERS, CHECKER_NAMES } from './checkers.js';
import { INVARIANT_CATALOGUE } from './catalogue.js';
import { LAYERS, LEVELS, type ContractLevel, type InvariantEntry, type InvariantLayer, type InvariantMinimum } from './invariantEntry.js';

/** What the docs need of a planted bug: its name and the invariant it must be reported under. */
export interface NamedBug {
  readonly name: string;
  readonly invariant: string;
}

const LAYER_TEXT: Record<InvariantLayer, string> = {
  object:
    'objects, references and the collector: what each statement frees, finalizes and calls back, refcounts, ' +
    'generations and tracking, the collections and their records, as the trace lines and snapshots show them.',
  allocator:
    'the memory behind the objects: the blocks an allocator hands out (pymalloc and the system allocator ' +
    'behind it), how they are reused, and what of them tracemalloc traces or a forked child writes.',
};

const LEVEL_TEXT: Record<ContractLevel, string> = {
  reachability:
    'safety and completeness with respect to the roots. Nothing reachable is freed, finalized or has its ' +
    'weakrefs cleared; after an explicit full collection nothing unreachable remains except what ' +
    '`DEBUG_SAVEALL` keeps or finalizers resurrect; a finalizer runs at most once; a weakref is cleared no ' +
    'later than its referent is freed and calls back only while it is alive itself; blocks never overlap.',
  refcount:
    "adds CPython's refcounting: an object dies as soon as its last reference goes, in CPython's order, " +
    'with its finalizers and callbacks, and each collection frees exactly what CPython frees. No thresholds, ' +
    'counts, freelists, addresses or sizes.',
  cpython:
    'everything else CPython 3.11 does: counts, thresholds, generations and promotion, tracking, the ' +
    "collections' statistics, pymalloc's addresses, size classes, pools and arenas, `sys.getsizeof`, " +
    'tracemalloc, the pages a forked child writes.',
};

const PROFILE_TEXT = { default: 'default swarm', tracemalloc: 'tracemalloc file', fork: 'fork file' } as const;

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (name: string): string => `\`${name}\``;

function minimumText(minimum: InvariantMinimum): string {
  if ('none' in minimum) return `none: ${minimum.none}`;
  return `${minimum.percentOfPrograms}% of programs (${PROFILE_TEXT[minimum.profile]}; measured ${minimum.measured})`;
}

function layerTable(layer: InvariantLayer, bugs: readonly NamedBug[]): string[] {
  const rows = INVARIANT_CATALOGUE.filter((entry: InvariantEntry) => entry.layer === layer).map((entry: InvariantEntry) => {
    const planted = bugs.filter((b) => b.invariant === entry.name).map((b) => code(b.name));
    return `| ${code(entry.name)} | ${cell(entry.statement)} | ${entry.level} | ${entry.checkers.map(code).join(', ')} | ` +
      `${cell(entry.exercisedWhen)} | ${cell(minimumText(entry.minimum))} | ${planted.length > 0 ? planted.join(', ') : '**none**'} |`;
  });
  return [
    `## The ${layer} layer`,
    '',
    '| invariant | what must hold | level | checkers | exercised when | required minimum | planted bugs |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

export function invariantsDoc(bugs: readonly NamedBug[]): string {
  const count = (level: ContractLevel) => INVARIANT_CATALOGUE.filter((entry: InvariantEntry) => entry.level === level).length;
  const lines = [
    '# Invariants',
    '',
    '<!-- Generated from properties/invariants/catalogue.ts and plantedBugs/catalog.ts by `npm run docs:invariants`;',
    '     test/properties/invariants.test.ts fails when this file is out of date. Do not edit it by hand. -->',
    '',
    'pymem runs every program on the model and on the engine under test side by side and, after each',
    'statement, checks the invariants below. A difference is reported under exactly one of these names —',
    'in a failed property, a campaign finding, `pymem check` — and each name is defined once, in',
    '`properties/invariants/catalogue.ts`, from which this page is generated.',
    '',
    '## Two layers',
    '',
    ...LAYERS.map((layer) => `* **${layer}**: ${LAYER_TEXT[layer]}`),
    '',
    '## Three contract levels',
    '',
    'Each invariant belongs to the weakest level of contract that promises it; each level includes the one',
    'before. An engine that promises less than CPython (a plug-in with another collector, say) is held only',
    'to the invariants of its level (`--contract`, `checkEngine`\'s `contract`): the model adopts the deaths the',
    'level leaves to the engine, and the statistics count only the level\'s invariants',
    '([contract-levels.md](contract-levels.md)).',
    '',
    ...LEVELS.map((level) => `* **${level}** (${count(level)} invariants): ${LEVEL_TEXT[level]}`),
    '',
    '## Checkers',
    '',
    'The parts of the lockstep check that report a violation; a test requires each module to name exactly the',
    'invariants the catalogue gives it.',
    '',
    '| checker | module | what it checks |',
    '|---|---|---|',
    ...CHECKER_NAMES.map((name) => `| ${code(name)} | ${code(CHECKERS[name].module)} | ${cell(CHECKERS[name].what)} |`),
    '',
    'An invariant is exercised by a statement in which the situation it guards occurred',
    '(`properties/lockstep/exercise.ts`); its required minimum is the share of programs, in the property file',
    'of its profile, with at least one such statement, about a third of the share measured',
    '(`properties/statistics/`). Every invariant has at least one planted bug (`plantedBugs/catalog.ts`) that',
    'the suite must find and report under it.',
    '',
    ...LAYERS.flatMap((layer) => [...layerTable(layer, bugs), '']),
  ];
  return lines.join('\n');
}
