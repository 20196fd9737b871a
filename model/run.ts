/*
 * The reference model as an engine: execute a validated program statement by statement and report,
 * for each, the trace line of docs/trace.md. With `snapshot`, each line also lists every live object with
 * its refcount (counted from referrers), generation, finalized flag and `sys.getsizeof`. While
 * tracemalloc traces, each line reports the traced memory and the per-line statistics.
 */
import type { Program, Statement } from '../language/ast.js';
import { executeStatement } from './machine/execute.js';
import { ModelMachine, StepEvents } from './machine/machine.js';
import { getsizeof } from './machine/objectMemory.js';
import type { CreateEngine } from '../contract/engine.js';
import type { ObjectSnapshot, TraceLine } from '../contract/trace.js';

export interface RunOptions {
  snapshot?: boolean;
}

const ascending = (s: Set<number>) => [...s].sort((a, b) => a - b);

export class ModelEngine {
  readonly machine: ModelMachine;
  private step = 0;

  /** Given the program, blocks get addresses when it forks (the page rules need them). */
  constructor(program?: Program) {
    this.machine = new ModelMachine(program?.geometry, program?.statements.some((s) => s.kind === 'fork') ?? false, program?.cpython);
  }

  execute(statement: Statement, options: RunOptions = {}): TraceLine {
    const m = this.machine;
    m.events = new StepEvents();
    m.tracer.line = statement.loc?.line ?? this.step + 1;
    const before = m.pages.dirty !== null ? m.heap.refcounts() : null;
    executeStatement(m, statement);
    m.adoptionPoint?.('end');
    if (statement.kind === 'fork') this.writeChangedHeaders(m.pages.refcountsAtFork);
    else if (before) this.writeChangedHeaders(before);
    this.step++;
    const line: TraceLine = {
      step: this.step,
      line: statement.loc?.line ?? this.step,
      freed: ascending(m.events.freed),
      finalized: ascending(m.events.finalized),
      callbacks: ascending(m.events.callbacks),
      collections: m.events.collections,
      count: [...m.gc.count],
    };
    if (m.profile.automaticCollection === 'scheduled') line.pending = m.gc.pending;
    if (m.tracer.tracing) {
      line.traced = [m.tracer.current, m.tracer.peak];
      line.tracedLines = m.tracer.statistics();
    }
    if (m.pages.dirty !== null) line.pagesWritten = m.pages.dirty.size;
    if (options.snapshot) line.objects = this.snapshot();
    return line;
  }

  /** Page rule P1: the header of every object created or whose refcount changed (freed ones: memory.ts). */
  private writeChangedHeaders(before: Map<number, number>): void {
    const m = this.machine;
    for (const [id, rc] of m.heap.refcounts()) {
      if (before.get(id) === rc) continue;
      const o = m.heap.get(id);
      m.pages.write(m.pages.headerAddress(o.type, m.memory.get(id)!.block.addr));
    }
  }

  snapshot(): ObjectSnapshot[] {
    const heap = this.machine.heap;
    const refcounts = heap.refcounts();
    const placement = this.machine.tracer.placement;
    const out: ObjectSnapshot[] = [];
    const objects = [...heap.objects.values()];
    let ascendingIds = true;
    for (let k = 1; ascendingIds && k < objects.length; k++) ascendingIds = objects[k - 1].id < objects[k].id;
    if (!ascendingIds) objects.sort((a, b) => a.id - b.id); // ids are distinct: sorted is sorted
    for (const o of objects) {
      const memory = this.machine.memory.get(o.id)!;
      const s: ObjectSnapshot = {
        id: o.id, type: o.type, refcount: refcounts.get(o.id)!, gen: o.gen, finalized: o.finalized,
        size: getsizeof(o, memory, this.machine.profile.instance),
      };
      if (placement) s.addr = memory.block.addr;
      out.push(s);
    }
    return out;
  }
}

export function runModel(program: Program, options: RunOptions = {}): TraceLine[] {
  const engine = new ModelEngine(program);
  return program.statements.map((s) => engine.execute(s, options));
}

/** The model as a plug-in engine (contract/engine.ts): what `pymem run --engine model` runs. It makes no allocator calls. */
export const createModelEngine: CreateEngine = (program) => new ModelEngine(program);
