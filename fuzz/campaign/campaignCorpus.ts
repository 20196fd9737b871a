/*
 * The campaign's corpus in memory: its entries in ordinal order, the union of their features (every
 * feature the campaign has seen), and the entries not yet sent to the workers. A result whose features
 * include one never seen joins the corpus — saved to corpus/ at once — and the features it added are
 * recorded with it.
 */
import type { Program } from '../../language/ast.js';
import { type CorpusEntry, saveCorpusEntry } from '../store/corpusStore.js';
import { visibleCorpusBefore } from '../programs/programSource.js';
import type { ProgramResult } from '../protocol/protocol.js';
import { parseProgramText } from '../worker/shrinkFailure.js';

export class CampaignCorpus {
  readonly features = new Set<string>();
  private readonly entries: CorpusEntry[];
  private readonly parsed: Program[] = [];
  private unsent: string[] = [];

  constructor(private readonly dir: string, entries: CorpusEntry[]) {
    this.entries = [...entries];
    for (const entry of entries) for (const f of entry.features) this.features.add(f);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every program, for a worker that starts now. */
  texts(): string[] {
    return this.entries.map((e) => e.program);
  }

  /** The programs found since the last call, for the workers already running. */
  takeUnsent(): string[] {
    const programs = this.unsent;
    this.unsent = [];
    return programs;
  }

  /** Adds a committed result that reached new features; returns how many it added. */
  admit(r: ProgramResult): number {
    const added = r.newFeatures.filter((f) => !this.features.has(f));
    if (added.length === 0) return 0;
    for (const f of added) this.features.add(f);
    const entry: CorpusEntry = { ordinal: r.ordinal, index: r.index, origin: r.origin, features: added, program: r.program! };
    this.entries.push(entry);
    this.unsent.push(entry.program);
    saveCorpusEntry(this.dir, entry);
    return added.length;
  }

  /** How many entries `ordinal` may draw from (programSource.ts's epoch rule). */
  visibleCount(ordinal: number): number {
    const bound = visibleCorpusBefore(ordinal);
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].ordinal < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The programs `ordinal` may draw from, parsed (the coordinator regenerates a lost program with them). */
  visiblePrograms(ordinal: number): Program[] {
    const count = this.visibleCount(ordinal);
    while (this.parsed.length < count) {
      const entry = this.entries[this.parsed.length];
      this.parsed.push(parseProgramText(entry.program, `corpus entry ${entry.index}`));
    }
    return this.parsed.slice(0, count);
  }
}
