/*
 * Results arrive out of order, from several workers; they are applied strictly in ordinal order (a
 * reorder buffer), so that the counters, the corpus and the findings are the same whatever the number
 * of workers or their timing. Applying a result: the counters and statistics, then either the finding
 * ledger (a failure) or the corpus (new features).
 */
import type { CampaignCorpus } from './campaignCorpus.js';
import type { CampaignState } from '../store/campaignState.js';
import type { FindingLedger } from './findingLedger.js';
import type { ProgramResult } from '../protocol/protocol.js';

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

export class ResultCommitter {
  private readonly waiting = new Map<number, ProgramResult>();

  constructor(private readonly state: CampaignState, private readonly corpus: CampaignCorpus, private readonly ledger: FindingLedger) {}

  /** Results not yet applied because an earlier ordinal is missing. */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /** Takes results and applies every one now in order. A result for an ordinal already in hand is ignored. */
  accept(results: ProgramResult[]): void {
    for (const r of results) if (r.ordinal >= this.state.nextOrdinal && !this.waiting.has(r.ordinal)) this.waiting.set(r.ordinal, r);
    for (let r = this.waiting.get(this.state.nextOrdinal); r; r = this.waiting.get(this.state.nextOrdinal)) {
      this.waiting.delete(r.ordinal);
      this.apply(r);
      this.state.nextOrdinal = r.ordinal + 1;
    }
  }

  private apply(r: ProgramResult): void {
    const { state } = this;
    const c = state.counters;
    c.programs++;
    c.statements += r.statements;
    c.steps += r.steps;
    if (r.origin === 'fresh') c.fresh++;
    else c.mutants++;
    if (r.statistics) {
      state.engineCounters ??= {};
      addCounts(state.kinds, r.statistics.kinds);
      addCounts(state.events, r.statistics.events);
      addCounts(state.engineCounters, r.statistics.engine);
    }
    if (r.failure) {
      c.failures++;
      if (r.failure.kind === 'hang') c.hangs++;
      if (r.failure.kind === 'crash') c.crashes++;
      this.ledger.record(r);
    } else {
      state.featuresByOrigin[r.origin] += this.corpus.admit(r);
    }
  }
}
