/*
 * Findings for the page tests, made the way a campaign makes them but without running one: a program
 * that a planted bug (plantedBugs/catalog.ts) fails, saved as a finding record whose engine is that
 * planted bug — so `pymem replay` (and the replay page) load the variant exactly as for a campaign's
 * finding. Needs the compiled dist/ (the variants are built from it; `npm test` builds first).
 */
import { FINDING_FORMAT, type FindingRecord, findingSignature, statementCount } from '../../fuzz/store/findingRecord.js';
import { saveFinding } from '../../fuzz/store/findingStore.js';
import { versions } from '../../fuzz/store/versions.js';
import { plantedBug } from '../../plantedBugs/catalog.js';

/** A finding of `bug` for `program` (the bug's hand-minimal program by default), saved under `dir`/findings. */
export function plantedFinding(dir: string, bug: string, program = plantedBug(bug).minimal): { record: FindingRecord; file: string } {
  const invariant = plantedBug(bug).invariant;
  const failure = { kind: 'divergence' as const, invariant };
  const record: FindingRecord = {
    format: FINDING_FORMAT, version: 1, signature: findingSignature(failure, program), kind: 'divergence', status: 'shrunk',
    invariant, message: `planted bug ${bug}`, step: 0, line: 0, objects: [], seed: 'pages', shard: { index: 0, count: 1 },
    index: 0, origin: 'fresh', indices: [0], engine: { kind: 'canary', bug }, limits: { programTimeoutMs: 10_000, memoryLimitMb: 1024 },
    program, size: statementCount(program), originalProgram: program, originalSize: statementCount(program), evaluations: 0,
    replays: null, trace: null, versions: versions(),
  };
  return { record, file: saveFinding(dir, record) };
}

/**
 * A heap of 5 × `groups` objects: per group an instance holding a dict holding a list holding the
 * instance (a cycle), a tuple of the list, a weakref to the instance, and a reference to the previous
 * group's instance; the lists and dicts lose their names, and generation 0 is collected. Under
 * `survivors-not-promoted` every object then sits in the wrong generation: 40 objects differ at once.
 */
export function bigHeapProgram(groups: number): string {
  const lines: string[] = [];
  for (let i = 0; i < groups; i++) {
    lines.push(`o${i} = Obj()`, `l${i} = [o${i}]`, `d${i} = {'k': l${i}}`, `o${i}.a = d${i}`, `t${i} = (l${i},)`, `w${i} = weakref.ref(o${i})`);
    if (i > 0) lines.push(`o${i}.b = o${i - 1}`);
  }
  for (let i = 0; i < groups; i++) lines.push(`del l${i}, d${i}`);
  lines.push('gc.collect(0)');
  return lines.join('\n') + '\n';
}
