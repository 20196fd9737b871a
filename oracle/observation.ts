/*
 * What the driver reports (driver.py's docstring), as types, and the parser of its output: a header
 * line, one line per statement, an end line. Output that does not have this shape (the driver
 * crashed, python3 printed something else) becomes an error naming what was wrong, never a
 * half-read observation.
 */
import type { CollectionRecord, Generation, ObjectType } from '../contract/trace.js';

export interface ObservedObject {
  id: number;
  type: ObjectType;
  tracked: boolean;
  gen: Generation;
  finalized: boolean;
  refcount: number;
  /** `sys.getsizeof`. */
  size?: number;
}

export interface ObservedCollection extends CollectionRecord {
  /** Set when more than one collection ran in the statement: they are then reported per generation. */
  merged?: number;
}

export interface ObservedStep {
  step: number;
  line: number;
  stmt: string;
  created: { id: number; type: ObjectType } | null;
  /** Obj/Fin/Lazarus ids only: the deaths a weak reference can see. */
  freed: number[];
  finalized: number[];
  callbacks: number[];
  collections: ObservedCollection[];
  count: [number, number, number];
  count_exact: boolean;
  count_note?: string;
  objects: ObservedObject[];
  alive_after_clear?: number[];
  /** While tracemalloc traces: `statistics('lineno')` for the program's lines (driver's traces.py). */
  traced_lines?: Array<{ line: number; size: number; count: number }>;
  foreign?: string[];
  /** From 3.12: an automatic collection is scheduled and has not run yet. */
  pending?: boolean;
}

export interface Observation {
  python: string;
  exact: boolean;
  why: string;
  steps: ObservedStep[];
  /** The program raised in CPython (a message), or null. */
  error: string | null;
  notes: string[];
}

export type ParsedObservation = { ok: true; observation: Observation } | { ok: false; message: string };

export function parseObservation(stdout: string): ParsedObservation {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const records: Array<Record<string, unknown>> = [];
  for (const [i, l] of lines.entries()) {
    try {
      records.push(JSON.parse(l) as Record<string, unknown>);
    } catch {
      return { ok: false, message: `driver output line ${i + 1} is not JSON: ${l.slice(0, 120)}` };
    }
  }
  const header = records[0];
  const end = records[records.length - 1];
  if (!header || header.driver !== 'pymem-oracle') return { ok: false, message: 'driver output has no header line' };
  if (records.length < 2 || end.end !== true) return { ok: false, message: 'driver output ends early (no end line)' };
  const steps = records.slice(1, -1) as unknown as ObservedStep[];
  if (steps.some((s, i) => s.step !== i + 1)) return { ok: false, message: 'driver output skips a step' };
  return {
    ok: true,
    observation: {
      python: String(header.python),
      exact: header.exact === true,
      why: String(header.why ?? ''),
      steps,
      error: (end.error as string | null) ?? null,
      notes: (end.notes as string[]) ?? [],
    },
  };
}
