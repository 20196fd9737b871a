/*
 * Line charts as inline SVG for the campaign report (afl-plot's three plots: throughput, coverage,
 * findings over time). Plain SVG text with round-number ticks, no script and no external resource, so
 * report.html is one self-contained file that any browser renders.
 */
export interface Series {
  name: string;
  color: string;
  points: Array<[number, number]>;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  series: Series[];
  width?: number;
  height?: number;
  formatX?: (x: number) => string;
  /** Tick positions on the x axis (default: round numbers). */
  xTicks?: number[];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** About `count` round ticks from 0 to at least `max`. */
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

const compact = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(+n.toFixed(2)));

export function lineChart(spec: ChartSpec): string {
  const width = spec.width ?? 390;
  const height = spec.height ?? 240;
  const left = 56;
  const right = 16;
  const top = 34;
  const bottom = 42;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const all = spec.series.flatMap((s) => s.points);
  const xTicks = spec.xTicks ?? niceTicks(Math.max(1e-9, ...all.map((p) => p[0])));
  const yTicks = niceTicks(Math.max(0, ...all.map((p) => p[1])));
  const xMax = xTicks[xTicks.length - 1];
  const yMax = yTicks[yTicks.length - 1];
  const X = (x: number) => left + (x / xMax) * plotW;
  const Y = (y: number) => top + plotH - (y / yMax) * plotH;
  const formatX = spec.formatX ?? compact;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11" role="img">`,
    `<text x="${left}" y="18" font-size="13" font-weight="bold">${escape(spec.title)}</text>`,
  ];
  for (const t of yTicks) {
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${Y(t).toFixed(1)}" y2="${Y(t).toFixed(1)}" stroke="#eceff1"/>`);
    out.push(`<text x="${left - 6}" y="${(Y(t) + 4).toFixed(1)}" text-anchor="end" fill="#546e7a">${compact(t)}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<text x="${X(t).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" fill="#546e7a">${escape(formatX(t))}</text>`);
  }
  out.push(`<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#90a4ae"/>`);
  out.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#90a4ae"/>`);
  out.push(`<text x="${left + plotW / 2}" y="${height - 6}" text-anchor="middle" fill="#546e7a">${escape(spec.xLabel)}</text>`);
  spec.series.forEach((s, k) => {
    if (s.points.length > 0) {
      const d = s.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'} ${X(x).toFixed(1)} ${Y(y).toFixed(1)}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    }
    const lx = width - right - (spec.series.length - k) * 120;
    out.push(`<rect x="${lx}" y="9" width="10" height="10" fill="${s.color}"/>`);
    out.push(`<text x="${lx + 14}" y="18" fill="#37474f">${escape(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
