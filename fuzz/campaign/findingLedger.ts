/*
 * From failing programs to findings on disk. The coordinator hands every committed failure here, in
 * ordinal order.
 *
 * Which failures become findings: a campaign can fail the same way ten thousand times, and shrinking
 * each would leave no time to fuzz. The n-th failure of each label (invariant, `hang`, `crash`) is
 * saved and shrunk when n is a power of two — the 1st, 2nd, 4th, 8th… — so one loud bug costs a few
 * shrinks per doubling of its count, while a second bug breaking the same invariant is still caught.
 * Every failure is counted (campaign.json `failuresByLabel`).
 *
 * A chosen failure is saved at once, unshrunk, then queued for the shrinker (docs/campaign.md: saved before
 * it is shrunk). The shrunk finding is written under its final signature before the unshrunk file is
 * removed, so a kill between the two leaves both, and resume shrinks the unshrunk one again into the
 * same signature. A failure shrinking to a signature already on file adds its index to that finding.
 * Every finding records its bug key, and campaign.json the bugs (store/bugGroups.ts): findings whose
 * witnesses fail the same way are variants of one bug, whatever their own programs and invariants. A
 * shrunk finding's key is its witness's (the shrinker sends the witness with the shrunk program); until
 * then, and for a finding that has none, it is the key of its own failure.
 */
import type { CampaignState } from '../store/campaignState.js';
import {
  type FindingRecord, FINDING_FORMAT, FINDING_VERSION, bugOfFailure, bugOfFinding, failureLabel, findingSignature, statementCount,
} from '../store/findingRecord.js';
import { bugSummaries } from '../store/bugGroups.js';
import { removeFinding, saveFinding } from '../store/findingStore.js';
import type { ProgramResult } from '../protocol/protocol.js';
import type { ShrinkAnswer, ShrinkService } from './shrinkService.js';
import { versions } from '../store/versions.js';

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

export class FindingLedger {
  private readonly records = new Map<string, FindingRecord>();

  constructor(private readonly dir: string, private readonly state: CampaignState, private readonly shrinker: ShrinkService, existing: FindingRecord[]) {
    for (const record of existing) this.records.set(record.signature, record);
    state.bugs = bugSummaries(this.all());
  }

  get count(): number {
    return this.records.size;
  }

  all(): FindingRecord[] {
    return [...this.records.values()].sort((a, b) => a.signature.localeCompare(b.signature));
  }

  /** Queues the findings a killed campaign left unshrunk, in the order they were found. */
  resumeUnshrunk(): void {
    const unshrunk = this.all().filter((r) => r.status === 'unshrunk').sort((a, b) => a.index - b.index);
    for (const record of unshrunk) this.queueShrink(record);
  }

  /** A committed failing program. */
  record(result: ProgramResult): void {
    const failure = result.failure!;
    const label = failureLabel(failure);
    const n = (this.state.failuresByLabel[label] ?? 0) + 1;
    this.state.failuresByLabel[label] = n;
    if (!isPowerOfTwo(n)) return;
    const program = result.program!;
    const signature = findingSignature(failure, program);
    const known = this.records.get(signature);
    if (known) {
      this.addIndex(known, result.index);
      return;
    }
    const record: FindingRecord = {
      format: FINDING_FORMAT, version: FINDING_VERSION, signature, bug: bugOfFailure(failure, program), kind: failure.kind,
      status: failure.killedWorker ? 'as-found' : 'unshrunk',
      invariant: failure.invariant, message: failure.message, step: failure.step, line: failure.line, objects: failure.objects,
      ...(failure.addresses ? { addresses: true } : {}),
      seed: this.state.seed, shard: this.state.shard, index: result.index, origin: result.origin, indices: [result.index],
      engine: this.state.engine, contract: this.state.contract ?? 'cpython', cpython: this.state.cpython, limits: { programTimeoutMs: this.state.settings.programTimeoutMs, memoryLimitMb: this.state.settings.memoryLimitMb },
      program, size: statementCount(program), originalProgram: program,
      originalSize: statementCount(program), evaluations: 0, replays: null, trace: null, versions: versions(),
    };
    this.save(record);
    if (record.status === 'unshrunk') this.queueShrink(record);
  }

  answer(a: ShrinkAnswer): void {
    const pending = this.records.get(a.job.signature);
    if (!pending) return;
    if (!a.outcome) {
      this.save({ ...pending, status: 'as-found', message: `${pending.message} (not shrunk: ${a.reason})` });
      return;
    }
    const o = a.outcome;
    const signature = findingSignature(o.failure, o.program);
    const existing = signature === pending.signature ? undefined : this.records.get(signature);
    if (existing) {
      for (const index of pending.indices) this.addIndex(existing, index);
    } else {
      this.save({
        ...pending, version: FINDING_VERSION, signature, bug: bugOfFinding(o.failure, o.program, o.witness), ...(o.witness ? { witness: o.witness } : {}), status: o.status, invariant: o.failure.invariant, message: o.failure.message, step: o.failure.step,
        line: o.failure.line, objects: o.failure.objects, addresses: o.failure.addresses, program: o.program, size: statementCount(o.program),
        evaluations: o.evaluations, replays: o.replays, trace: o.trace,
      });
    }
    if (signature !== pending.signature) {
      removeFinding(this.dir, pending.signature);
      this.records.delete(pending.signature);
      this.state.bugs = bugSummaries(this.all());
    }
  }

  private queueShrink(record: FindingRecord): void {
    const { kind, invariant, message, step, line, objects } = record;
    this.shrinker.enqueue({
      signature: record.signature, program: record.originalProgram,
      failure: { kind, invariant, message, step, line, objects, killedWorker: false },
    });
  }

  private addIndex(record: FindingRecord, index: number): void {
    if (record.indices.includes(index)) return;
    this.save({ ...record, indices: [...record.indices, index].sort((a, b) => a - b) });
  }

  private save(record: FindingRecord): void {
    this.records.set(record.signature, record);
    saveFinding(this.dir, record);
    this.state.bugs = bugSummaries(this.all());
  }
}
