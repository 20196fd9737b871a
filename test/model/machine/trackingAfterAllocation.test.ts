import { describe, expect, it } from 'vitest';
import { ModelEngine } from '../../../model/run.js';
import { program } from '../../helpers/programs.js';

// Pinned by tools/experiments/dict_tracking_after_allocation_collects.py (CPython 3.11.7: both untracked).
describe('a dict literal decides its tracking after its own allocation collects', () => {
  it('leaves the dict untracked when that collection untracked the tuple it holds', () => {
    const p = program(['gc.set_threshold(1, 0)', 'v0 = bytes(2)', 'v1 = (v0,)', 'v2 = {\'k\': v1}'].join('\n'));
    const engine = new ModelEngine();
    const lines = p.statements.map((s) => engine.execute(s, { snapshot: true }));
    const last = lines[3];
    expect(last.collections).toEqual([{ generation: 0, collected: 0, uncollectable: 0 }]);
    expect(last.objects?.find((o) => o.id === 2)?.gen).toBe(null);
    expect(last.objects?.find((o) => o.id === 3)?.gen).toBe(null);
  });
});
