/*
 * The reference model as an engine: execute a validated program statement by statement and report,
 * for each, the trace line of SPEC §3. With `snapshot`, each line also lists every live object with
 * its refcount (counted from referrers), generation, finalized flag and `sys.getsizeof`. While
 * tracemalloc traces, each line reports the traced memory and the per-line statistics.
 */
import type { Program, Statement } from './language/ast.js';
import { executeStatement } from './machine/execute.js';
import { ModelMachine, StepEvents } from './machine/machine.js';
import { getsizeof } from './machine/objectMemory.js';
import type { ObjectSnapshot, TraceLine } from './trace.js';

export interface RunOptions {
  snapshot?: boolean;
}

const ascending = (s: Set<number>) => [...s].sort((a, b) => a - b);

export class ModelEngine {
  readonly machine = new ModelMachine();
  private step = 0;

  execute(statement: Statement, options: RunOptions = {}): TraceLine {
    const m = this.machine;
    m.events = new StepEvents();
    m.tracer.line = statement.loc?.line ?? this.step + 1;
    executeStatement(m, statement);
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
    if (m.tracer.tracing) {
      line.traced = [m.tracer.current, m.tracer.peak];
      line.tracedLines = m.tracer.statistics();
    }
    if (options.snapshot) line.objects = this.snapshot();
    return line;
  }

  snapshot(): ObjectSnapshot[] {
    const heap = this.machine.heap;
    const refcounts = heap.refcounts();
    return [...heap.objects.values()]
      .sort((a, b) => a.id - b.id)
      .map((o) => ({
        id: o.id, type: o.type, refcount: refcounts.get(o.id)!, gen: o.gen, finalized: o.finalized,
        size: getsizeof(o, this.machine.memory.get(o.id)!),
      }));
  }
}

export function runModel(program: Program, options: RunOptions = {}): TraceLine[] {
  const engine = new ModelEngine();
  return program.statements.map((s) => engine.execute(s, options));
}
