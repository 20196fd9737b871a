/*
 * A failing property run (properties/suite/checkPrograms.ts), end to end against the canary (the
 * FIFO free list planted in a copy of the implementation): the failure message shows the smallest
 * shrunk program, saves it, and prints a seed/path replay that, pasted, fails on the same generated
 * program again.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateEngine } from '../../contract/engine.js';
import { createCanaryEngine } from '../../plantedBugs/canary.js';
import { checkPrograms } from '../../properties/suite/checkPrograms.js';
import type { SuiteProfile } from '../../properties/suite/profile.js';

const dir = mkdtempSync(join(tmpdir(), 'pymem-check-programs-'));
let canary: CreateEngine;
beforeAll(async () => {
  canary = await createCanaryEngine();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const profile = (path?: string): SuiteProfile => ({ name: 'ci', seed: 20261121, path, numRuns: 500, timeLimitMs: 60_000 });

function failureOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the property did not fail');
}

describe('checkPrograms on a failing implementation', () => {
  it('reports the smallest shrunk program, saves it, and prints a replay that fails on the same program', () => {
    const options = { testFile: 'test/properties/checkPrograms.test.ts', createEngine: canary, saveTo: dir };
    const message = failureOf(() => checkPrograms('canary', { ...options, profile: profile() }));
    expect(message).toMatch(/^canary: freed-block-reused-lifo at step \d+/);
    expect(message).toMatch(/the smallest of \d+ failing programs \(the first had \d+ statements\), shrunk to [1-3], saved as /);
    expect(message).toContain(`npx pymem check ${dir}/freed-block-reused-lifo--`);
    expect(readdirSync(dir).some((f) => f.startsWith('freed-block-reused-lifo--'))).toBe(true);

    const path = /PYMEM_PATH="(\d+)"/.exec(message)![1];
    expect(message).toContain(`PYMEM_SEED=20261121 PYMEM_PATH="${path}" npx vitest run test/properties/checkPrograms.test.ts`);
    const replayed = failureOf(() => checkPrograms('canary', { ...options, profile: profile(path) }));
    // The replay runs that one program: the same first failure, shrunk alone.
    expect(replayed).toContain(`PYMEM_PATH="${path}"`);
    expect(replayed).toMatch(/the smallest of 1 failing programs/);
    expect(replayed.split('\n')[0]).toMatch(/^canary: freed-block-reused-lifo /);
  }, 180_000);
});
