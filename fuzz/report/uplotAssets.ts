/*
 * uPlot (a small, fast canvas chart library, MIT) as text to inline into report.html: its minified
 * browser build and its stylesheet, read from the installed package. Inlined, not linked, so that the
 * report stays one file that opens from disk or from a CI artifact with no network.
 *
 * Why uPlot: about 50 KB, no dependencies, line charts with log axes, tooltips (its cursor hooks), drag
 * to zoom and double-click to zoom out built in, and kept up to date; Vega-Lite would add ~800 KB.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let assets: { script: string; style: string } | null = null;

export function uplotAssets(): { script: string; style: string } {
  assets ??= {
    script: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    style: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
  return assets;
}
