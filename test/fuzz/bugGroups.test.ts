/*
 * One bug, one finding (docs/campaign.md): findings that fail the same way — invariant, first diverging
 * observation with numbers and addresses masked, the statement's role for the object layer — are one
 * bug, whatever their programs; findings of different invariants are two. The representative is the
 * simplest finding; the grouping does not depend on the order of the findings; a version-1 finding
 * (no `bug` field) is grouped by the key computed from it. A finding with a witness (version 3) is keyed
 * by how its witness fails, so one defect seen under two invariants is one bug, its witness shown; with
 * two planted bugs in one engine, the witness keeps apart defects no short program shows both of, and
 * merges those it can slip between (docs/campaign.md, "Slippage, the price").
 */
import { describe, expect, it } from 'vitest';
import { bugOfFailure, bugOfFinding, type FindingRecord } from '../../fuzz/store/findingRecord.js';
import type { Witness } from '../../fuzz/protocol/protocol.js';
import { checkProgram } from '../../fuzz/worker/checkProgram.js';
import { confirmAndShrink } from '../../fuzz/worker/shrinkFailure.js';
import { plantedBug } from '../../plantedBugs/catalog.js';
import { loadVariantWith } from '../../plantedBugs/loadVariant.js';
import { groupFindings } from '../../fuzz/store/bugGroups.js';
import { describeBugs, describeFailure } from '../../fuzz/report/summary.js';
import { bugKey, observationOf, statementRole } from '../../properties/suite/bugKey.js';
import { program } from '../helpers/programs.js';

let n = 0;
function finding(text: string, invariant: FindingRecord['invariant'], message: string, step: number, extra: Partial<FindingRecord> = {}): FindingRecord {
  const failure = { kind: 'divergence' as const, invariant, message, step };
  return {
    format: 'pymem-finding', version: 2, signature: `${invariant}-${String(n++).padStart(12, '0')}`, bug: bugOfFailure(failure, text),
    kind: 'divergence', status: 'shrunk', invariant, message, step, line: step, objects: [], seed: '1', shard: { index: 0, count: 1 },
    index: n, origin: 'fresh', indices: [n], engine: { kind: 'builtin' }, limits: { programTimeoutMs: 10_000, memoryLimitMb: 2048 },
    program: text, size: text.trim().split('\n').length, originalProgram: text, originalSize: 3, evaluations: 1, replays: null, trace: null,
    versions: { pymem: '0', node: '0' }, ...extra,
  };
}

describe('groupFindings', () => {
  const lifo = 'freed-block-reused-lifo' as const;
  const viaObj = finding('v0 = Obj()\ndel v0\nv1 = []\n', lifo, 'malloc(56) returned 0x7f0000000070, the allocator model 0x7f0000000030', 3);
  const viaMalloc = finding('v0 = malloc(240)\nfree(v0)\nv0 = malloc(240)\n', lifo, 'malloc(240) returned 0x7f0000000120, the allocator model 0x7f0000000030', 3);
  // The free list seen at the teardown, through a list's items array (realloc of NULL is a malloc).
  const viaTeardown = finding('v0 = Lazarus()\nv1 = Lazarus()\nv0.a = v0\n', lifo,
    'teardown: realloc(0x0, 32) returned 0x7f0000004050, the allocator model 0x7f0000004030', 9);

  it('makes one bug of the same failure reached by different routes, the simplest program its representative', () => {
    const groups = groupFindings([viaMalloc, viaTeardown, viaObj]);
    expect(groups).toHaveLength(1);
    expect(groups[0].representative).toBe(viaObj.signature);
    expect(groups[0].findings.map((f) => f.signature)).toEqual([viaObj.signature, viaMalloc.signature, viaTeardown.signature]);
    expect(groups[0].key).toBe('freed-block-reused-lifo: malloc(N) returned A, the allocator model A');
  });

  it('keeps different invariants apart', () => {
    const count = finding('v0 = []\ngc.collect()\n', 'count-rules', 'count (1,0,0), expected (0,0,0)', 2);
    const groups = groupFindings([viaObj, count, viaMalloc]);
    expect(groups.map((g) => g.findings.length).sort()).toEqual([1, 2]);
  });

  it('keeps, for the object layer, a count wrong after a collection apart from one wrong after an allocation; the teardown\'s collection is a collection', () => {
    const afterCollect = finding('v0 = []\ngc.collect()\n', 'count-rules', 'count (1,0,0), expected (0,0,0)', 2);
    const atTeardownCollect = finding('v0 = Lazarus()\nv0.a = v0\n', 'count-rules', 'teardown: count (2,0,0), expected (0,0,0)', 8);
    const afterAllocation = finding('v0 = []\nv1 = []\n', 'count-rules', 'count (0,0,0), expected (2,0,0)', 2);
    const groups = groupFindings([afterAllocation, atTeardownCollect, afterCollect]);
    const members = groups.map((g) => g.findings.map((f) => f.signature).sort());
    expect(members).toHaveLength(2);
    expect(members).toContainEqual([afterCollect.signature, atTeardownCollect.signature].sort());
    expect(members).toContainEqual([afterAllocation.signature]);
  });

  it('does not depend on the order of the findings, and reads version-1 findings (no bug field)', () => {
    const old = { ...viaMalloc, version: 1 as const, bug: undefined, signature: 'freed-block-reused-lifo-oldoldoldold' };
    const a = groupFindings([viaObj, old, viaTeardown]);
    const b = groupFindings([viaTeardown, viaObj, old]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(1);
  });

  it('prints bugs with their representative, its commands, and the variants underneath', () => {
    const text = describeBugs('/tmp/c', [viaMalloc, viaObj, { ...viaTeardown, status: 'unshrunk' }]);
    expect(text).toMatch(/^1 bug \(3 findings\):\n  bug 1: freed-block-reused-lifo: malloc\(N\) returned A/);
    expect(text).toContain('      v0 = Obj()\n      del v0\n      v1 = []\n');
    expect(text).toContain(`replay: npx pymem replay /tmp/c/findings/${viaObj.signature}.json`);
    expect(text).toContain('in CPython: (npx pymem prelude; npx pymem replay /tmp/c/findings/freed-block-reused-lifo-000000000000.json --program) | python3 -');
    expect(text).toContain('2 variants:');
    expect(text).toContain('(not shrunk yet: --resume shrinks it)');
  });
});

describe('groupFindings by witness', () => {
  // One defect (a bytes object never freed) under two invariants: its del, and a collected cycle holding it.
  const witness: Witness = {
    program: 'v0 = bytes(2)\n', invariant: 'refcount-death-is-prompt', message: 'object 1 still alive after its last reference went', step: 1, line: 1, evaluations: 12,
  };
  const withWitness = (f: FindingRecord, w: Witness): FindingRecord => ({ ...f, version: 3, witness: w, bug: bugOfFinding(f, f.program, w) });
  const atDel = finding('v0 = bytes(2)\ndel v0\n', 'refcount-death-is-prompt', 'object 1 still alive after its last reference went', 2);
  const inCycle = finding('v0 = []\nv1 = bytes(2)\nv0.append(v0)\nv0.append(v1)\ndel v0, v1\ngc.collect()\n', 'full-collect-is-complete', 'objects 1, 2 survived a full collection', 6);

  it('makes one bug of findings of two invariants whose witnesses fail alike, and keeps them apart without witnesses', () => {
    expect(groupFindings([atDel, inCycle])).toHaveLength(2);
    const groups = groupFindings([withWitness(inCycle, witness), withWitness(atDel, { ...witness, evaluations: 30 })]);
    expect(groups).toHaveLength(1);
    expect(groups[0].representative).toBe(atDel.signature);
    expect(groups[0].witness?.program).toBe('v0 = bytes(2)\n');
  });

  it('prints the witness where no finding\'s own program is it, and each variant with its invariant', () => {
    const text = describeBugs('/tmp/c', [withWitness(inCycle, witness), withWitness(atDel, witness)]);
    expect(text).toContain('witness, the simplest program that fails this way (refcount-death-is-prompt: object 1 still alive');
    expect(text).toContain('      v0 = bytes(2)\n');
    expect(text).toMatch(/1 variant:\n .*full-collect-is-complete/);
    const own = { ...witness, program: atDel.program };
    expect(describeBugs('/tmp/c', [withWitness(atDel, own)])).not.toContain('witness,');
  });
});

describe('two planted bugs in one engine', () => {
  /** The bug key a campaign gives each planted bug's hand-minimal program, shrunk and witnessed in the engine with both bugs. */
  async function keysOf(names: [string, string]): Promise<string[]> {
    const bugs = names.map(plantedBug);
    const engine = await loadVariantWith(bugs);
    return bugs.map((b) => {
      const failure = checkProgram(program(b.minimal), engine).failure!;
      expect(failure, b.name).not.toBeNull();
      const o = confirmAndShrink({ signature: b.name, program: b.minimal, failure }, engine);
      expect(o.witness, b.name).not.toBeNull();
      return bugOfFinding(o.failure, o.program, o.witness);
    });
  }

  it('keeps apart two defects that no short program shows both of', async () => {
    const [finalizer, count] = await keysOf(['finalizer-flag-not-checked', 'count1-not-incremented']);
    expect(finalizer).toMatch(/^finalizer-at-most-once/);
    expect(count).toMatch(/^count-rules/);
  }, 60_000);

  it('merges two defects of one mechanism that one program shows either of', async () => {
    const [count0, merges] = await keysOf(['count0-not-reset', 'full-collection-merges-one-generation']);
    expect(count0).toBe(merges);
  }, 60_000);

  it('merges two defects a respelling apart: the finalizer bug\'s `v0 = Lazarus()` slips to the bytes bug\'s `v0 = bytes(2)`', async () => {
    const [bytes, finalizer] = await keysOf(['bytes-dealloc-missing', 'finalizer-flag-not-checked']);
    expect(bytes).toMatch(/^refcount-death-is-prompt/);
    expect(finalizer).toBe(bytes);
  }, 60_000);
});

describe('the bug key', () => {
  it('masks numbers, ids and addresses; a run of them reads as one', () => {
    expect(observationOf('freed 3, 4, 5, which the model keeps')).toBe(observationOf('freed 7, which the model keeps'));
    expect(observationOf('finalized [], expected [1]')).not.toBe(observationOf('finalized [1], expected []'));
    expect(observationOf('teardown: realloc(0x0, 32) returned 0x7f0000004050, the allocator model 0x7f0000004030'))
      .toBe(observationOf('malloc(56) returned 0x7f0000000070, the allocator model 0x7f0000000030'));
  });

  it('reads the role of a teardown statement off the teardown', () => {
    const p = program('v0 = []\n');
    // Step 2 is the teardown's `del v0`, step 7 its `gc.collect()`.
    expect(statementRole(p.statements, 2)).toBe('release');
    expect(statementRole(p.statements, 7)).toBe('collection');
    expect(statementRole(p.statements, 0)).toBe('teardown');
    expect(bugKey({ kind: 'hang', invariant: null, message: 'x', role: 'teardown' })).toBe('hang');
  });

  it('shows block addresses in hex and object ids in decimal', () => {
    const base = { kind: 'divergence' as const, invariant: 'freed-block-reused-lifo' as const, step: 3, line: 3, message: 'm' };
    expect(describeFailure({ ...base, objects: [139637976727664], addresses: true })).toMatch(/\[blocks 0x7f0000000070\]$/);
    expect(describeFailure({ ...base, objects: [139637976727664] })).toMatch(/\[blocks 0x7f0000000070\]$/);
    expect(describeFailure({ ...base, objects: [3, 4] })).toMatch(/\[objects 3, 4\]$/);
  });

  it('names a teardown statement by its step, without the line 0 it has', () => {
    const teardown = { kind: 'divergence' as const, invariant: 'heap-empty-at-teardown' as const, step: 4, line: 0, message: 'teardown: m', objects: [] };
    expect(describeFailure(teardown)).toBe('heap-empty-at-teardown at step 4: teardown: m');
    expect(describeFailure({ ...teardown, step: 0 })).toBe('heap-empty-at-teardown at teardown: teardown: m');
    expect(describeFailure({ ...teardown, line: 2 })).toBe('heap-empty-at-teardown at step 4 (line 2): teardown: m');
  });
});
