/*
 * The allocator's state printed in the shape of CPython's `sys._debugmallocstats()`
 * (obmalloc.c:_PyObject_DebugMallocStats, docs/cpython-3.11.md#debugmallocstats): the size-class table,
 * the arena counters, the byte accounting, then the freelists. The "arena map" section is left out:
 * pymem's address space has no radix tree.
 */
import type { AllocatorStats } from '../model/allocator/stats.js';

export interface FreelistCounts {
  dicts: number;
  lists: number;
  keys: number;
  /** tuples[k-1]: free tuples of length k, for k = 1..20. */
  tuples: number[];
}

const number = (n: number) => n.toLocaleString('en-US');
const line = (label: string, value: string) => `${label.padEnd(35)}= ${value.padStart(20)}`;

export function formatDebugMallocStats(s: AllocatorStats, free: FreelistCounts): string {
  const out: string[] = [];
  out.push(`Small block threshold = 512, in 32 size classes.`, '');
  out.push('class   size   num pools   blocks in use  avail blocks');
  out.push('-----   ----   ---------   -------------  ------------');
  for (const c of s.sizeClasses) {
    out.push(`${String(c.sizeClass).padStart(5)}  ${String(c.blockSize).padStart(5)}  ${String(c.pools).padStart(10)}  ${String(c.blocksInUse).padStart(14)}  ${String(c.availableBlocks).padStart(12)}`);
  }
  out.push('');
  out.push(line('# arenas allocated total', number(s.arenasAllocatedTotal)));
  out.push(line('# arenas reclaimed', number(s.arenasReclaimed)));
  out.push(line('# arenas highwater mark', number(s.arenasHighwater)));
  out.push(line('# arenas allocated current', number(s.arenasCurrent)));
  out.push(line(`${s.arenasCurrent} arenas * ${s.arenaSize} bytes/arena`, number(s.arenasCurrent * s.arenaSize)));
  out.push('');
  out.push(line('# bytes in allocated blocks', number(s.bytesInAllocatedBlocks)));
  out.push(line('# bytes in available blocks', number(s.bytesInAvailableBlocks)));
  out.push(line(`${s.unusedPools} unused pools * ${s.poolSize} bytes`, number(s.bytesInUnusedPools)));
  out.push(line('# bytes lost to pool headers', number(s.bytesLostToPoolHeaders)));
  out.push(line('# bytes lost to quantization', number(s.bytesLostToQuantization)));
  out.push(line('# bytes lost to arena alignment', number(s.bytesLostToArenaAlignment)));
  out.push(line('Total', number(s.totalBytes)));
  out.push('');
  out.push(line('# raw (system) blocks', number(s.rawBlocks)));
  out.push(line('# bytes in raw blocks', number(s.rawBytes)));
  out.push(line('# blocks (sys.getallocatedblocks)', number(s.allocatedBlocks)));
  out.push('');
  out.push(`${free.dicts.toString().padStart(5)} free PyDictObjects * 48 bytes each = ${number(free.dicts * 48).padStart(12)}`);
  out.push(`${free.keys.toString().padStart(5)} free 8-slot dict keys * 120 bytes each = ${number(free.keys * 120).padStart(9)}`);
  out.push(`${free.lists.toString().padStart(5)} free PyListObjects * 40 bytes each = ${number(free.lists * 40).padStart(12)}`);
  free.tuples.forEach((n, i) => {
    const k = i + 1;
    const label = `free ${String(k).padStart(2)}-sized PyTupleObjects * ${24 + 8 * k} bytes each`;
    out.push(`${n.toString().padStart(5)} ${label} = ${number(n * (24 + 8 * k)).padStart(12)}`);
  });
  return out.join('\n') + '\n';
}
