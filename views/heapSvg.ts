/*
 * A heap picture as SVG, laid out by pymem itself: one column per generation (roots on the left, then
 * generations 0, 1, 2, permanent, untracked), objects stacked in id order, references drawn as curves
 * (forward ones left to right, the others around the side), weak references dashed.
 *
 * Why our own layout rather than Graphviz: a heap at a shrunk finding has a handful of objects, and the
 * generation *is* the layout — a column per generation says more than dot's rank assignment would.
 * No system binary (CI machines and users may not have `dot`) and no 1.5 MB WebAssembly package
 * (@viz-js/viz) is needed, and the output is deterministic text, byte-identical on every machine.
 * The DOT file is written as well (heapDot.ts) for anyone who prefers Graphviz.
 */
import { GROUPS, type HeapNode, type HeapPicture } from './heapPicture.js';

const NODE_WIDTH = 170;
const COLUMN_GAP = 90;
const MARGIN = 20;
const LINE = 14;
const NODE_GAP = 18;
const HEADER = 56;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Box {
  x: number;
  y: number;
  height: number;
  column: number;
}

export function heapSvg(picture: HeapPicture): string {
  const columns = GROUPS.filter((g) => picture.nodes.some((n) => n.group === g));
  const boxes = new Map<string, Box>();
  let bottom = HEADER + 40;
  columns.forEach((group, column) => {
    let y = HEADER + 24;
    for (const n of picture.nodes.filter((node) => node.group === group)) {
      const height = 12 + LINE * (1 + n.details.length);
      boxes.set(n.key, { x: MARGIN + column * (NODE_WIDTH + COLUMN_GAP), y, height, column });
      y += height + NODE_GAP;
    }
    bottom = Math.max(bottom, y);
  });
  const width = Math.max(320, MARGIN * 2 + columns.length * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP + 60);
  const height = bottom + MARGIN;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">' +
      '<path d="M 0 0 L 10 5 L 0 10 z" fill="#546e7a"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="22" font-size="13" font-weight="bold">${escape(picture.caption)}</text>`,
  ];
  columns.forEach((group, column) => {
    const x = MARGIN + column * (NODE_WIDTH + COLUMN_GAP);
    out.push(`<rect x="${x - 8}" y="${HEADER - 8}" width="${NODE_WIDTH + 16}" height="${bottom - HEADER}" rx="8" fill="none" stroke="#b0bec5" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${x}" y="${HEADER + 8}" fill="#607d8b" font-weight="bold">${escape(group)}</text>`);
  });
  for (const e of picture.edges) {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    if (from && to) out.push(edgePath(from, to, e.label, e.weak));
  }
  for (const n of picture.nodes) out.push(nodeBox(n, boxes.get(n.key)!));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function nodeBox(n: HeapNode, b: Box): string {
  const stroke = n.highlighted ? '#c62828' : n.differs ? '#ef6c00' : n.group === 'roots' ? 'none' : '#455a64';
  const fill = n.highlighted ? '#ffebee' : n.group === 'roots' ? '#eceff1' : '#ffffff';
  const lines = [`<text x="${b.x + 8}" y="${b.y + 16}" font-weight="bold">${escape(n.title)}</text>`];
  n.details.forEach((d, i) => {
    const color = d.startsWith('implementation') || d.startsWith('the model') ? '#c62828' : '#37474f';
    lines.push(`<text x="${b.x + 8}" y="${b.y + 16 + LINE * (i + 1)}" fill="${color}">${escape(d)}</text>`);
  });
  const width = n.highlighted || n.differs ? 2 : 1;
  return `<g><rect x="${b.x}" y="${b.y}" width="${NODE_WIDTH}" height="${b.height}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${width}"/>${lines.join('')}</g>`;
}

function edgePath(from: Box, to: Box, label: string, weak: boolean): string {
  const sy = from.y + from.height / 2;
  const ty = to.y + to.height / 2;
  let points: [number, number][];
  if (to.column > from.column) {
    const sx = from.x + NODE_WIDTH;
    const tx = to.x;
    const bend = (tx - sx) / 2;
    points = [[sx, sy], [sx + bend, sy], [tx - bend, ty], [tx, ty]];
  } else if (from === to) {
    const x = from.x + NODE_WIDTH;
    const [top, bottom] = [from.y + from.height / 3, from.y + (2 * from.height) / 3];
    points = [[x, top], [x + 45, top - 25], [x + 45, bottom + 25], [x, bottom]];
  } else if (to.column === from.column) {
    const x = from.x + NODE_WIDTH;
    const bulge = 30 + Math.min(60, Math.abs(ty - sy) / 4);
    points = [[x, sy], [x + bulge, sy], [x + bulge, ty], [x, ty]];
  } else {
    const sx = from.x;
    const tx = to.x + NODE_WIDTH;
    points = [[sx, sy], [sx - 40, sy - 30], [tx + 40, ty - 30], [tx, ty]];
  }
  const [p0, p1, p2, p3] = points;
  const d = `M ${p0[0]} ${p0[1]} C ${p1[0]} ${p1[1]}, ${p2[0]} ${p2[1]}, ${p3[0]} ${p3[1]}`;
  const mid = [0, 1].map((k) => 0.125 * p0[k] + 0.375 * p1[k] + 0.375 * p2[k] + 0.125 * p3[k]);
  const dash = weak ? ' stroke-dasharray="5 4"' : '';
  const text = label ? `<text x="${mid[0].toFixed(1)}" y="${(mid[1] - 3).toFixed(1)}" fill="#546e7a" font-size="10" text-anchor="middle">${escape(label)}</text>` : '';
  return `<g><path d="${d}" fill="none" stroke="#546e7a" stroke-width="1.2"${dash} marker-end="url(#arrow)"/>${text}</g>`;
}
