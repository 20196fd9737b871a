/*
 * Finding and reading the driver: the .py file is found beside the TypeScript sources and beside the
 * compiled modules in dist/ (where the build copies it), and output that is not a whole observation (a crash,
 * a truncated run) is an error that says so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driverPath } from '../../oracle/driverPath.js';
import { parseObservation } from '../../oracle/observation.js';

const root = join(import.meta.dirname, '..', '..');
const source = join(root, 'oracle', 'driver.py');

describe('driverPath', () => {
  it('finds oracle/driver.py beside the TypeScript module', () => {
    expect(existsSync(source)).toBe(true);
    expect(driverPath()).toBe(source);
  });

  it('finds the copy beside the compiled module in dist/oracle/ (npm run build copies it)', () => {
    const compiled = pathToFileURL(join(root, 'dist', 'oracle', 'driverPath.js')).href;
    expect(driverPath(compiled)).toBe(join(root, 'dist', 'oracle', 'driver.py'));
  });

  it('names where it looked when the driver is missing', () => {
    const nowhere = pathToFileURL('/nonexistent/dist/oracle/driverPath.js').href;
    expect(() => driverPath(nowhere)).toThrow(/driver is missing: \/nonexistent\/dist\/oracle\/driver\.py/);
  });
});

describe('parseObservation', () => {
  const header = JSON.stringify({ driver: 'pymem-oracle', python: '3.11.7', exact: true, why: '' });
  const step = JSON.stringify({ step: 1, line: 1, stmt: 'x = []', created: { id: 1, type: 'list' }, freed: [], finalized: [], callbacks: [], collections: [], count: [1, 0, 0], count_exact: true, objects: [] });
  const end = JSON.stringify({ end: true, error: null, notes: [] });

  it('reads a whole observation', () => {
    const r = parseObservation([header, step, end].join('\n'));
    expect(r.ok && r.observation.steps.map((s) => s.stmt)).toEqual(['x = []']);
  });

  it('rejects output that stops before the end line, or is not the driver\'s', () => {
    expect(parseObservation([header, step].join('\n'))).toMatchObject({ ok: false, message: expect.stringMatching(/ends early/) });
    expect(parseObservation('Traceback (most recent call last):')).toMatchObject({ ok: false, message: expect.stringMatching(/not JSON/) });
    expect(parseObservation(step)).toMatchObject({ ok: false, message: expect.stringMatching(/no header/) });
  });
});
