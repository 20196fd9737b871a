/*
 * The allocator as a picture (`pymem stats --html`): a self-contained HTML page with one row per arena,
 * one cell per pool, coloured by state (used, full, empty, never carved) and, for pools in use, by size
 * class; hovering a pool shows its numbers. No script, no external resource.
 */
import { blocksInPool, poolState, type AllocatorState } from '../model/allocator/state.js';

export interface PoolCell {
  state: 'used' | 'full' | 'empty' | 'unused';
  sizeClass: number;
  blocksInUse: number;
  blocks: number;
}

export interface ArenaRow {
  address: number;
  pools: PoolCell[];
}

const CELL = 14;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Hue by size class (0..31), lightness by state. */
function colour(p: PoolCell): string {
  if (p.state === 'unused') return '#ffffff';
  if (p.state === 'empty') return '#d0d0d0';
  const hue = Math.round((p.sizeClass * 360) / 32);
  return `hsl(${hue}, 70%, ${p.state === 'full' ? 35 : 60}%)`;
}

export function heapPictureHtml(title: string, rows: ArenaRow[]): string {
  const width = Math.max(1, ...rows.map((r) => r.pools.length)) * CELL + 170;
  const height = rows.length * (CELL + 6) + 30;
  const svg: string[] = [];
  rows.forEach((row, y) => {
    const top = 20 + y * (CELL + 6);
    svg.push(`<text x="0" y="${top + CELL - 3}" font-size="11" font-family="monospace">0x${row.address.toString(16)}</text>`);
    row.pools.forEach((p, x) => {
      const tip = p.state === 'unused' ? 'never carved' : `${p.state}, class ${p.sizeClass} (${16 * (p.sizeClass + 1)} B), ${p.blocksInUse}/${p.blocks} blocks`;
      svg.push(`<rect x="${160 + x * CELL}" y="${top}" width="${CELL - 2}" height="${CELL}" fill="${colour(p)}" stroke="#888" stroke-width="0.5"><title>pool ${x}: ${tip}</title></rect>`);
    });
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body style="font-family: sans-serif">
<h1 style="font-size: 16px">${escape(title)}</h1>
<p style="font-size: 12px">One row per arena, one cell per pool. Colour: size class (hue); darker = full, lighter = used,
grey = empty (on its arena's free list), white = never carved.</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg.join('')}</svg>
</body></html>
`;
}

/** The rows of the picture, read from the allocator model's arenas (by address) and their carved pools. */
export function arenaRows(state: AllocatorState): ArenaRow[] {
  const { geometry } = state;
  return [...state.arenas.values()].sort((a, b) => a.address - b.address).map((arena) => {
    const pools = Array.from({ length: arena.totalPools }, (_, i): PoolCell => {
      const pool = arena.pools[i];
      if (!pool) return { state: 'unused', sizeClass: 0, blocksInUse: 0, blocks: 0 };
      if (pool.count === 0) return { state: 'empty', sizeClass: pool.sizeClass, blocksInUse: 0, blocks: 0 };
      return { state: poolState(geometry, pool), sizeClass: pool.sizeClass, blocksInUse: pool.count, blocks: blocksInPool(geometry, pool) };
    });
    return { address: arena.address, pools };
  });
}
