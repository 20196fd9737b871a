/*
 * The canary, as a campaign files it, over several seeds — in-process and small: the fresh programs of
 * the first epoch (ordinals < 256 see no corpus, so no worker or coordinator is needed to re-create
 * them), the ledger's rule (the 1st, 2nd, 4th … failure of a label becomes a finding), each finding
 * confirmed and shrunk by the campaign's shrinker (fuzz/worker/shrinkFailure.ts), findings by signature,
 * then grouped. Every seed must give one bug, and its representative must be the same text with every
 * seed: the same bug found from different seeds shrinks to the same program.
 */
import { describe, expect, it } from 'vitest';
import type { CreateEngine } from '../../contract/engine.js';
import { printProgram } from '../../language/print.js';
import { programAt } from '../../fuzz/programs/programSource.js';
import { groupFindings } from '../../fuzz/store/bugGroups.js';
import { bugOfFinding, findingSignature, type FindingRecord } from '../../fuzz/store/findingRecord.js';
import { checkProgram } from '../../fuzz/worker/checkProgram.js';
import { confirmAndShrink } from '../../fuzz/worker/shrinkFailure.js';
import { createCanaryEngine } from '../../plantedBugs/canary.js';

const SEEDS = ['1', '2', '3', '4', '5'];
/** Findings per seed: the 1st, 2nd, 4th, 8th and 16th failure. */
const FINDINGS = 5;

function findingsOf(seed: string, canary: CreateEngine): FindingRecord[] {
  const bySignature = new Map<string, FindingRecord>();
  let failures = 0;
  for (let ordinal = 0; ordinal < 256 && failures < 2 ** (FINDINGS - 1); ordinal++) {
    const { program, index, origin } = programAt({ seed, shard: { index: 0, count: 1 }, maxStatements: 60 }, ordinal, []);
    const failure = checkProgram(program, canary).failure;
    if (!failure) continue;
    failures++;
    if ((failures & (failures - 1)) !== 0) continue;
    const text = printProgram(program);
    const o = confirmAndShrink({ signature: findingSignature(failure, text), program: text, failure }, canary);
    const signature = findingSignature(o.failure, o.program);
    bySignature.set(signature, {
      format: 'pymem-finding', version: 3, signature, bug: bugOfFinding(o.failure, o.program, o.witness), ...(o.witness ? { witness: o.witness } : {}),
      kind: o.failure.kind, status: o.status,
      invariant: o.failure.invariant, message: o.failure.message, step: o.failure.step, line: o.failure.line, objects: o.failure.objects,
      seed, shard: { index: 0, count: 1 }, index, origin, indices: [index], engine: { kind: 'canary', bug: 'pymalloc-free-list-fifo' },
      limits: { programTimeoutMs: 10_000, memoryLimitMb: 2048 }, program: o.program, size: 0, originalProgram: text, originalSize: 0,
      evaluations: o.evaluations, replays: o.replays, trace: null, versions: { pymem: '0', node: '0' },
    });
  }
  return [...bySignature.values()];
}

describe('the canary over several seeds', () => {
  it('gives one bug per seed, with the same shrunk text across seeds', async () => {
    const canary = await createCanaryEngine();
    const representatives = SEEDS.map((seed) => {
      const findings = findingsOf(seed, canary);
      expect(findings.length, `seed ${seed}`).toBeGreaterThan(0);
      const groups = groupFindings(findings);
      expect(groups.map((g) => g.key), `seed ${seed}`).toHaveLength(1);
      return groups[0].findings[0].program;
    });
    expect(new Set(representatives)).toEqual(new Set(['v0 = Obj()\ndel v0\nv1 = []\n']));
  }, 120_000);
});
