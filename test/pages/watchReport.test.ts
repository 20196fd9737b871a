/*
 * `pymem report DIR --watch` (watchReport) beside a running campaign: report.html is rewritten as a live
 * page that reloads itself, so two screenshots taken a little apart show the programs going up — read
 * from the page's DOM, not from pixels. Stopping the watch leaves an ordinary page. No sleep hopes the
 * machine is fast: every wait polls for its condition, with generous limits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { watchReport } from '../../fuzz/report/watchReport.js';
import { campaignFile } from '../../fuzz/store/campaignDirectory.js';
import { engineLoader } from '../../cli/engines.js';
import { sleep, startPymem, tempDir } from '../fuzz/runPymem.js';
import { type Browser, chromiumMissing, launchChromium, openPage, screenshot } from './chromium.js';

const missing = chromiumMissing();
if (missing) console.warn(`report --watch tests skipped: ${missing}`);

const POLL_MS = 200;
const LIMIT_MS = 90_000;

async function until<T>(what: string, probe: () => Promise<T | null> | T | null): Promise<T> {
  const deadline = Date.now() + LIMIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

/** The programs the page shows; null while it reloads. */
async function programsShown(page: Page): Promise<number | null> {
  try {
    const text = await page.textContent('#summary-programs', { timeout: 2_000 });
    const m = /^([\d,]+)/.exec(text ?? '');
    return m ? Number(m[1].replace(/,/g, '')) : null;
  } catch {
    return null; // the page was reloading
  }
}

describe.skipIf(missing !== null)('pymem report --watch', () => {
  const dir = join(tempDir('watch'), 'campaign');
  let campaign: ReturnType<typeof startPymem> | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    campaign?.child.kill('SIGINT');
    await campaign?.done;
  });

  it('keeps report.html current while the campaign runs: programs go up between two screenshots', async () => {
    campaign = startPymem(['fuzz', '--runs', '10000000', '--time', '5m', '--workers', '1', '--seed', 'watch', '--out', dir]);
    await until('campaign.json', () => (existsSync(campaignFile(dir)) ? true : null));
    const stop = new AbortController();
    const writes: string[] = [];
    const watching = watchReport(dir, engineLoader, { intervalSeconds: 1, signal: stop.signal, onWrite: (f) => writes.push(f) });
    const file = join(dir, 'report.html');
    await until('report.html', () => (existsSync(file) ? true : null));

    browser = await launchChromium();
    const { page, errors } = await openPage(browser, file);
    const first = await until('the programs on the page', () => programsShown(page));
    expect(await page.getAttribute('body', 'data-live-seconds')).toBe('1');
    await screenshot(page, 'watch-1');
    // The page reloads itself; the number on it must go up.
    const second = await until('more programs on the page', async () => {
      const n = await programsShown(page);
      return n !== null && n > first ? n : null;
    });
    await page.waitForSelector('body[data-charts]');
    await screenshot(page, 'watch-2');
    expect(second).toBeGreaterThan(first);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);

    stop.abort();
    expect(await watching).toBe(file);
    expect(readFileSync(file, 'utf8')).not.toContain('data-live-seconds');
  }, 180_000);
});
