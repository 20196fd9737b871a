import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON } from '../../oracle/python.js';
import { python, skipReason } from './pythonSkip.js';

// The driver looks up the tracemalloc trace of each reserve block once (traces.py, ReserveLines): only
// a block that left the reserve can have been allocated, and so retraced. This runs the lookup against a
// fake freelist reserve and a fake trace table, and moves blocks the ways the driver does.
const SCRIPT = String.raw`
import sys
sys.path.insert(0, sys.argv[1])
from cpython_driver import traces
from cpython_driver.freelists import Freelists, ALL_SLOTS

class Layout:
    mem = None

fl = Freelists(Layout())
trace = {}                      # block address -> compiled line of its trace
lookups = []
def get_traceback(domain, block):
    lookups.append(block)
    return (('prog.py', trace[block]),) if block in trace else None
traces._get_traceback = get_traceback
KEYS = ALL_SLOTS - 1            # keys tables: the block is the address itself

def lines():
    del lookups[:]
    return sorted(line for line, _ in rl.each('prog.py', {10: 1, 20: 2})), len(lookups)

rl = traces.ReserveLines(fl)
reserve = fl.reserve[KEYS]
reserve.extend([100, 200, 300])
trace.update({100: 10, 200: 10, 300: 99})
print(lines())                  # all three looked up
print(lines())                  # nothing moved: no lookup
a = fl.take_spare(KEYS)         # 300 lent, taken by a temporary at line 20, given back
trace[a] = 20
reserve.append(a)
print(lines())
fl.take_spare(KEYS, 0)          # 100 taken from the bottom (an opaque call took a program entry): all above moved
trace[200] = 20
print(lines())
rl.forget()                     # tracemalloc stopped
print(lines())
`;

describe('the driver looks up a reserve block\'s trace again only when the block moved', () => {
  it.skipIf(!python)(`re-reads moved blocks and only those ${skipReason}`, () => {
    const driverDir = join(import.meta.dirname, '..', '..', 'oracle');
    const r = spawnSync(PYTHON, ['-I', '-S', '-B', '-c', SCRIPT, driverDir], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual([
      '([1, 1], 3)',
      '([1, 1], 0)',
      '([1, 1, 2], 1)',
      '([2, 2], 2)',
      '([2, 2], 2)',
    ]);
  });
});
