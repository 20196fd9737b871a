/*
 * report.html in headless Chromium, for a campaign of two sessions (the second a --resume) against a
 * planted bug: every chart drawn by uPlot with no console error, a tooltip under the cursor, drag to
 * zoom and double-click to zoom out, the resumed session marked, the findings grouped by bug, and what
 * was never reached. Screenshots are saved to be looked at (test/pages/chromium.ts).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../fuzz/report/report.js';
import { readStats } from '../../fuzz/store/statsFile.js';
import { engineLoader } from '../../cli/engines.js';
import { pymem, tempDir } from '../fuzz/runPymem.js';
import { type Browser, chromiumMissing, elementScreenshot, launchChromium, openPage, screenshot } from './chromium.js';

const missing = chromiumMissing();
if (missing) console.warn(`report page tests skipped: ${missing}`);

interface ChartScale { min: number; max: number }
type Charts = Record<string, { scales: Record<string, ChartScale> }>;

describe.skipIf(missing !== null)('report.html in headless Chromium', () => {
  const dir = join(tempDir('report-page'), 'campaign');
  let browser: Browser;
  let file = '';

  beforeAll(async () => {
    const first = await pymem(['fuzz', '--canary', '--runs', '300', '--workers', '1', '--seed', 'pages', '--out', dir]);
    expect(first.code, first.stderr).toBe(1);
    const second = await pymem(['fuzz', '--out', dir, '--resume', '--runs', '600', '--workers', '1']);
    expect(second.code, second.stderr).toBe(1);
    file = await writeReport(dir, engineLoader);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart with uPlot, with tooltips and zoom, and no console error', async () => {
    const stats = readStats(dir);
    expect(new Set(stats.map((s) => s.session))).toEqual(new Set([1, 2]));
    const { page, errors } = await openPage(browser, file);
    await page.waitForSelector('body[data-charts]');
    expect(await page.getAttribute('body', 'data-charts')).toBe('5');
    expect(await page.$$eval('figure.chart .uplot canvas', (c) => c.length)).toBe(5);
    expect(await page.textContent('#summary-bugs')).toMatch(/^1 \(\d+ findings?\)$/);
    await screenshot(page, 'report-top');

    // The resumed session is marked on the time charts.
    const charts = JSON.parse((await page.textContent('#report-data'))!) as { charts: Array<{ id: string; markers: Array<{ label: string }>; series: Array<{ label: string; values: number[] }> }> };
    const findings = charts.charts.find((c) => c.id === 'chart-findings')!;
    expect(findings.markers.map((m) => m.label)).toEqual(['session 2']);
    const bugs = findings.series.find((s) => s.label === 'bugs (distinct)')!.values;
    expect(bugs.every((v, i) => i === 0 || v >= bugs[i - 1])).toBe(true);
    expect(bugs[bugs.length - 1]).toBe(1);

    // A tooltip under the cursor, with every series.
    const chart = (await page.$('#chart-findings .u-over'))!;
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    await page.waitForSelector('#chart-findings .chart-tooltip', { state: 'visible' });
    expect(await page.textContent('#chart-findings .chart-tooltip')).toContain('bugs (distinct): 1');
    await elementScreenshot(page, '#chart-findings', 'report-findings-tooltip');

    // Drag to zoom in on x, double-click to zoom out.
    const xRange = () => page.evaluate(() => {
      const x = (window as unknown as { pymemCharts: Charts }).pymemCharts['chart-throughput'].scales.x;
      return x.max - x.min;
    });
    const full = await xRange();
    const over = (await (await page.$('#chart-throughput .u-over'))!.boundingBox())!;
    await page.mouse.move(over.x + over.width * 0.2, over.y + over.height / 2);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.5, over.y + over.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(await xRange()).toBeLessThan(full * 0.6);
    await page.mouse.dblclick(over.x + over.width * 0.5, over.y + over.height / 2);
    expect(await xRange()).toBeCloseTo(full, 5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('groups the findings by bug and lists what was never reached', async () => {
    const { page, errors } = await openPage(browser, file);
    await page.waitForSelector('body[data-charts]');
    expect(await page.$$eval('table.bugs tr.bug-row', (r) => r.length)).toBe(1);
    expect(await page.textContent('table.bugs')).toContain('freed-block-reused-lifo');
    // The failing programs behind the bug's findings: at least one per finding.
    const [findings, failing] = await page.$$eval('table.bugs tr.bug-row td.n', (cells) => [Number(cells[0].textContent), Number(cells[2].textContent!.replace(/,/g, ''))]);
    expect(failing).toBeGreaterThanOrEqual(findings);
    expect(await page.$$eval('section.bug section.finding', (s) => s.length)).toBeGreaterThan(0);
    // Each finding's heap, laid out by Graphviz.
    expect(await page.$$eval('section.finding .heap svg g.heap-cluster', (g) => g.length)).toBeGreaterThan(0);
    expect(await page.textContent('#never-reached + p')).toContain('features()');
    expect(await page.$$eval('p.never code', (c) => c.length)).toBeGreaterThan(0);
    await elementScreenshot(page, 'table.bugs', 'report-bugs');
    expect(errors).toEqual([]);
    expect(statSync(file).size).toBeLessThan(1_000_000);
    await page.close();
  });
});
