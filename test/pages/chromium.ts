/*
 * Headless Chromium for the page tests: Debian's `chromium` package, driven by playwright-core, with a
 * fresh profile and no network — every request that is not for a local file (or a data: or blob: URL)
 * is aborted, and host names resolve to nothing, so a page that tried to fetch anything would show it
 * as a console error. `.ci/run` installs the package when it is missing; elsewhere the tests skip with
 * the reason (`chromiumMissing()`).
 *
 * `openPage` collects the page's console errors and uncaught exceptions, which every test checks are
 * none. Screenshots go to PYMEM_SCREENSHOTS (default: a temporary directory), to be looked at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type ElementHandle, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** Why the page tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium); the test set-up (test/setup/installChromium.ts) does when it can`;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'pymem-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 1000 }, offline: false,
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return /^(file|data|blob|about):/.test(url) ? route.continue() : route.abort();
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions so far. */
  errors: string[];
}

export async function openPage(browser: Browser, file: string, hash = ''): Promise<OpenedPage> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(pathToFileURL(file).href + hash);
  return { page, errors };
}

let screenshots: string | null = null;

/** Where screenshots go: PYMEM_SCREENSHOTS, or one temporary directory per test run (kept, to be looked at). */
export function screenshotDir(): string {
  if (!screenshots) {
    screenshots = process.env.PYMEM_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'pymem-screenshots-'));
    mkdirSync(screenshots, { recursive: true });
    console.log(`page screenshots: ${screenshots}`);
  }
  return screenshots;
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  const file = join(screenshotDir(), `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** A screenshot of one element (the heap picture, a chart). */
export async function elementScreenshot(page: Page, selector: string, name: string): Promise<string> {
  const element: ElementHandle | null = await page.$(selector);
  if (!element) throw new Error(`no ${selector} on the page`);
  const file = join(screenshotDir(), `${name}.png`);
  await element.screenshot({ path: file });
  return file;
}
