import { describe, expect, it } from 'vitest';
import type { Statement } from '../../language/ast.js';
import { CPYTHON_GEOMETRY } from '../../language/ast.js';
import { ImplEngine } from '../../impl/engine.js';

describe('deallocation is iterative (the trashcan)', () => {
  it('frees a million-deep chain of lists with one del, without a stack overflow', () => {
    const depth = 1_000_000;
    const engine = new ImplEngine({ geometry: CPYTHON_GEOMETRY }, { initialObjects: depth + 64 });
    engine.executeStatement({ kind: 'gcDisable' });
    engine.executeStatement({ kind: 'newList', target: 'x', items: [] });
    const wrap: Statement = { kind: 'newList', target: 'x', items: ['x'] };
    for (let i = 1; i < depth; i++) engine.executeStatement(wrap);
    expect(engine.rt.table.live).toBe(depth + 2);
    const line = engine.execute({ kind: 'del', names: ['x'] });
    expect(line.freed.length).toBe(depth);
    expect(engine.rt.table.live).toBe(2);
    // 80 lists went to the freelist; every other list object and items array went back.
    expect(engine.rt.heap.allocatedBlocks()).toBe(80);
  });
});
