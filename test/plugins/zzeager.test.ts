import { it } from 'vitest';
import { loadPlugin } from '../../contract/loadPlugin.js';
import { checkEngine } from '../../properties/suite/checkEngine.js';
it('eager', async () => {
  const e = await loadPlugin('/tmp/eager/eager.mjs');
  for (const contract of ['reachability', 'refcount'] as const) {
    try { const r = checkEngine(e, { contract, numRuns: 500, failureDatabase: false }); console.log('PASS', contract, r.programs); }
    catch (err) { console.log('FAIL', contract, (err as Error).message.slice(0, 1500)); }
  }
}, 300_000);
