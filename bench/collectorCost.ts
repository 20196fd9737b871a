/*
 * The collector benchmarks: a full collection over N live objects (a chain reachable from one
 * root) and over N garbage objects in 2-cycles, in ns per object; and the scale figure: bytes of the
 * implementation's arrays per live object, with the time of one full collection, at 10 M objects.
 */
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON, type CPythonVersion, type Statement } from '../language/ast.js';
import { ImplEngine } from '../impl/engine.js';
import { collect } from '../impl/gc/collect.js';

const now = () => performance.now();

function chainOf(n: number, cpython: CPythonVersion): ImplEngine {
  const e = new ImplEngine({ geometry: CPYTHON_GEOMETRY, cpython }, { initialObjects: n + 64 });
  e.rt.recordEvents = false;
  e.executeStatement({ kind: 'gcDisable' });
  e.executeStatement({ kind: 'newInstance', target: 'head', cls: 'Obj' });
  const node: Statement = { kind: 'newInstance', target: 'node', cls: 'Obj' };
  const link: Statement = { kind: 'setSlot', target: 'node', slot: 'a', value: 'head' };
  const advance: Statement = { kind: 'rebind', target: 'head', source: 'node' };
  for (let k = 1; k < n; k++) {
    e.executeStatement(node);
    e.executeStatement(link);
    e.executeStatement(advance);
  }
  e.executeStatement({ kind: 'del', names: ['node'] });
  return e;
}

/** The fastest of `runs` full collections (each finds the same live chain), as CPython's side reports. */
function fastestCollection(e: ImplEngine, runs: number): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const start = now();
    collect(e.rt, 2);
    best = Math.min(best, now() - start);
  }
  return best;
}

export function fullCollectionLive(n: number, runs = 3, cpython: CPythonVersion = DEFAULT_CPYTHON): { nsPerObject: number } {
  const e = chainOf(n, cpython);
  collect(e.rt, 2); // everything to generation 2, as CPython's warm-up collect does
  return { nsPerObject: (fastestCollection(e, runs) * 1e6) / n };
}

export function fullCollectionGarbage(n: number, cpython: CPythonVersion = DEFAULT_CPYTHON): { nsPerObject: number; collected: number } {
  const e = new ImplEngine({ geometry: CPYTHON_GEOMETRY, cpython }, { initialObjects: n + 64 });
  e.rt.recordEvents = false;
  e.executeStatement({ kind: 'gcDisable' });
  const statements: Statement[] = [
    { kind: 'newInstance', target: 'p', cls: 'Obj' },
    { kind: 'newInstance', target: 'q', cls: 'Obj' },
    { kind: 'setSlot', target: 'p', slot: 'a', value: 'q' },
    { kind: 'setSlot', target: 'q', slot: 'a', value: 'p' },
  ];
  for (let k = 0; k < n / 2; k++) for (const s of statements) e.executeStatement(s);
  e.executeStatement({ kind: 'del', names: ['p', 'q'] });
  const start = now();
  const record = collect(e.rt, 2);
  return { nsPerObject: ((now() - start) * 1e6) / n, collected: record.collected };
}

/** Bytes held by every typed array reachable from an object (the implementation's state). */
export function typedArrayBytes(root: object): number {
  const seen = new Set<object>();
  let bytes = 0;
  const visit = (v: unknown) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) return void (bytes += v.byteLength);
    for (const child of Array.isArray(v) ? v : Object.values(v)) visit(child);
  };
  visit(root);
  return bytes;
}

export function scale(n: number, runs = 3): { bytesPerObject: number; fullCollectionMs: number } {
  const e = chainOf(n, DEFAULT_CPYTHON);
  const bytesPerObject = typedArrayBytes(e.rt) / n;
  collect(e.rt, 2);
  return { bytesPerObject, fullCollectionMs: fastestCollection(e, runs) };
}
