/*
 * The replay page (`pymem replay FINDING --html OUT.html`) in headless Chromium: a collector finding, an
 * allocator finding and a heap of 40 objects, each replayed under its planted bug. The page must open
 * from disk with no console error and no request, start at the first divergence, step with the
 * keyboard (← → j k Home End d) with the step in the URL's hash, and highlight the divergence; the
 * allocator page must show the arenas, the pools and the free list that went wrong. Screenshots are
 * saved (test/pages/chromium.ts says where) to be looked at.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildReplayPage, writeReplayPage } from '../../fuzz/replay/writeReplayPage.js';
import { parseProgramText } from '../../fuzz/worker/shrinkFailure.js';
import type { CreateEngine } from '../../contract/engine.js';
import { createModelEngine } from '../../model/run.js';
import { writeHeapPicture } from '../../fuzz/replay/writeHeapPicture.js';
import { replayFinding } from '../../fuzz/replay/replayFinding.js';
import { engineLoader } from '../../cli/engines.js';
import { tempDir } from '../fuzz/runPymem.js';
import { type Browser, chromiumMissing, elementScreenshot, launchChromium, openPage, screenshot } from './chromium.js';
import { bigHeapProgram, plantedFinding } from './plantedFindings.js';

const missing = chromiumMissing();
if (missing) console.warn(`replay page tests skipped: ${missing}`);

const stepOf = async (page: Page) => Number(await page.getAttribute('body', 'data-step'));
const counter = (page: Page) => page.textContent('#step-counter');

describe.skipIf(missing !== null)('the replay page in headless Chromium', () => {
  const dir = tempDir('replay-page');
  let browser: Browser;
  const pages: Record<string, { file: string; failingStep: number; steps: number }> = {};

  beforeAll(async () => {
    browser = await launchChromium();
    const findings = {
      collector: plantedFinding(dir, 'survivors-not-promoted', 'x = []\ny = [x]\nz = Obj()\nz.a = y\nw = weakref.ref(z)\ngc.collect(0)\n'),
      allocator: plantedFinding(dir, 'pymalloc-free-list-fifo', 'm = malloc(16)\nn = malloc(16)\nq = malloc(16)\nfree(m)\nfree(n)\nm = malloc(16)\n'),
      big: plantedFinding(dir, 'survivors-not-promoted', bigHeapProgram(8)),
      teardown: plantedFinding(dir, 'keys-freelist-not-cleared'),
    };
    for (const [name, { record, file }] of Object.entries(findings)) {
      const out = join(dir, `${name}.html`);
      const recording = await writeReplayPage(record, file, engineLoader, out);
      expect(recording.verdict, name).toBe('reproduced');
      // A failure after the whole teardown (an object or block left over) is step 0: the page shows it at the last step.
      const failingStep = recording.failure!.step > 0 ? recording.failure!.step : recording.steps.length;
      pages[name] = { file: out, failingStep, steps: recording.steps.length };
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a collector finding: opens at the divergence, steps with the keyboard, keeps the step in the hash', async () => {
    const { file, failingStep, steps } = pages.collector;
    const { page, errors } = await openPage(browser, file);
    await page.waitForSelector('body[data-ready]');
    expect(await stepOf(page)).toBe(failingStep);
    expect(await counter(page)).toBe(`step ${failingStep} of ${steps}`);
    await screenshot(page, 'replay-collector-divergence');

    // The divergence: the failing tick, the statement, the box with the invariant and the differing fields.
    expect(await page.getAttribute('#timeline .tick.failing', 'data-step')).toBe(String(failingStep));
    expect(await page.getAttribute('#timeline .tick.current', 'data-step')).toBe(String(failingStep));
    expect(await page.isVisible('#divergence')).toBe(true);
    expect(await page.textContent('#divergence h2')).toContain('First divergence: survivors-promoted');
    expect(await page.$$eval('#divergence tr.differs', (rows) => rows.length)).toBeGreaterThan(0);
    expect(await page.$$eval('#objects td.differs', (cells) => cells.length)).toBeGreaterThan(0);
    // The heap picture, by Graphviz, clustered by generation, with the failure's objects highlighted.
    expect(await page.$$eval('#heap-picture svg g.heap-cluster', (g) => g.length)).toBeGreaterThanOrEqual(2);
    expect(await page.$$eval('#heap-picture svg g.heap-node.differs', (g) => g.length)).toBeGreaterThan(0);

    await page.keyboard.press('ArrowLeft');
    expect(await stepOf(page)).toBe(failingStep - 1);
    expect(await page.isHidden('#divergence')).toBe(true);
    await page.keyboard.press('k');
    expect(await stepOf(page)).toBe(failingStep - 2);
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowRight');
    expect(await stepOf(page)).toBe(failingStep);
    await page.keyboard.press('Home');
    expect(await stepOf(page)).toBe(1);
    expect(new URL(page.url()).hash).toBe('#step-1');
    expect(await page.textContent('#changes-list')).toContain('created list 1');
    await screenshot(page, 'replay-collector-step-1');
    await page.keyboard.press('End');
    expect(await stepOf(page)).toBe(steps);
    await page.keyboard.press('Home');
    await page.keyboard.press('d');
    expect(await stepOf(page)).toBe(failingStep);

    // The hash opens a step: a link, or a reload.
    await page.goto(`${page.url().split('#')[0]}#step-2`);
    await page.waitForSelector('body[data-ready]');
    expect(await stepOf(page)).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an allocator finding: the arenas, the pools and the free list that went wrong', async () => {
    const { file, failingStep } = pages.allocator;
    const { page, errors } = await openPage(browser, file);
    await page.waitForSelector('body[data-ready]');
    expect(await stepOf(page)).toBe(failingStep);
    await screenshot(page, 'replay-allocator-divergence');
    expect(await page.textContent('#divergence h2')).toContain('freed-block-reused-lifo');
    // Shown first, above the heap, for an allocator failure.
    expect(await page.$eval('#allocator', (a) => a.compareDocumentPosition(document.getElementById('heap')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
    expect(await page.$$eval('#allocator .arena', (a) => a.length)).toBe(1);
    expect(await page.$$eval('#allocator .pool', (p) => p.length)).toBeGreaterThan(1);
    expect(await page.$$eval('#allocator .pool.wrong', (p) => p.length)).toBe(1);
    expect(await page.isVisible('#allocator .pool-detail.wrong')).toBe(true);
    expect(await page.$$eval('#allocator .block.expected', (b) => b.length)).toBe(1);
    expect(await page.$$eval('#allocator .block.returned', (b) => b.length)).toBe(1);
    // The free list, head first, as the allocator model had it just before the failing call: n, then m.
    expect(await page.textContent('#allocator .free-list')).toMatch(/free list, head first: block 1 \(0x[0-9a-f]+\) → block 0/);
    expect(await page.textContent('#allocator-verdict')).toContain('the head of its free list: the block freed last');
    expect(await page.textContent('#allocator table.calls')).toContain('malloc(16)');
    await elementScreenshot(page, '#allocator', 'replay-allocator-section');

    await page.keyboard.press('Home');
    expect(await stepOf(page)).toBe(1);
    expect(await page.textContent('#changes-list')).toMatch(/malloc\(16\) → 0x[0-9a-f]+ \(arena 0x[0-9a-f]+, pool 0, block 0\)/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('40 objects: every one in the picture, legible, and the page stays small', async () => {
    const { file, failingStep } = pages.big;
    expect(statSync(file).size).toBeLessThan(1_000_000);
    expect(readFileSync(file, 'utf8')).toContain('data-encoding="gzip-base64"');
    const { page, errors } = await openPage(browser, file);
    await page.waitForSelector('body[data-ready]');
    expect(await stepOf(page)).toBe(failingStep);
    expect(await page.$$eval('#heap-picture svg g.heap-node.object', (g) => g.length)).toBeGreaterThanOrEqual(40);
    expect(await page.$$eval('#objects tr[id^="object-"]', (r) => r.length)).toBe(40);
    // The 40 differing generations are one row, not 40.
    expect(await page.$$eval('#divergence tr.differs', (rows) => rows.length)).toBe(1);
    expect(await page.textContent('#divergence')).toContain('gen of 40 objects');
    await screenshot(page, 'replay-40-objects');
    await elementScreenshot(page, '#heap-picture', 'replay-40-objects-heap');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a failure in the teardown: its statements listed after the program, the failing one marked', async () => {
    const { file, failingStep, steps } = pages.teardown;
    const { page, errors } = await openPage(browser, file);
    await page.waitForSelector('body[data-ready]');
    expect(failingStep).toBeGreaterThan(2); // the program has two statements
    expect(await stepOf(page)).toBe(failingStep);
    expect(await page.$$eval('#program .stmt.teardown', (s) => s.length)).toBe(steps - 2);
    expect(await page.getAttribute('#program .stmt.failing', 'id')).toBe(`stmt-${failingStep}`);
    expect(await page.textContent('#statement .where')).toContain('teardown');
    await screenshot(page, 'replay-teardown');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an engine with no snapshot and no allocator: less to show, no error', async () => {
    // The model as a plug-in whose lines carry no objects, and which allocates through no allocator.
    const program = bigHeapProgram(1);
    const bare: CreateEngine = (p, hooks) => {
      const inner = createModelEngine(p, {});
      return { execute: (statement, options) => ({ ...inner.execute(statement, options), objects: undefined }) };
    };
    const page0 = await buildReplayPage(parseProgramText(program, 'bare'), program, bare, 'a bare engine', 'the model without snapshots', null);
    expect(page0.recording.failure).toBeNull();
    const out = join(dir, 'bare.html');
    writeFileSync(out, page0.html);
    const { page, errors } = await openPage(browser, out);
    await page.waitForSelector('body[data-ready]');
    expect(await stepOf(page)).toBe(1);
    expect(await page.isHidden('#allocator')).toBe(true);
    expect(await page.textContent('#objects')).toContain('gives no snapshot');
    expect(await page.textContent('#verdict')).toBe('passes now');
    await page.keyboard.press('End');
    expect(await stepOf(page)).toBe(page0.recording.steps.length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('replay --dot writes the DOT and the SVG Graphviz lays out from it', async () => {
    const { record, file } = plantedFinding(dir, 'survivors-not-promoted');
    const replay = await replayFinding(record, file, engineLoader);
    const svgFile = await writeHeapPicture(replay.heap!, join(dir, 'heap.dot'));
    expect(svgFile).toBe(join(dir, 'heap.svg'));
    expect(readFileSync(join(dir, 'heap.dot'), 'utf8')).toMatch(/^digraph heap \{/);
    const svg = readFileSync(svgFile, 'utf8');
    expect(svg).toMatch(/<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toMatch(/class="node heap(-|&#45;)node object highlighted/);
  });
});
