/*
 * The example plug-ins of examples/plugins/, checked the way a user checks a plug-in from a test of their
 * own: checkEngine over a campaign-sized sample of generated programs. Each passes the level it declares,
 * fails the next stricter one under a named invariant, and each of its planted defects
 * (PYMEM_PLUGIN_DEFECT) is found at its own level and shrunk to a few statements — which also proves that
 * the weaker levels' invariants can fail (their planted bugs cannot be patches of pymem's implementation,
 * which satisfies every level). The failure database works in a folder of the user's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlugin } from '../../contract/loadPlugin.js';
import type { ContractLevel } from '../../contract/declaration.js';
import { checkEngine } from '../../properties/suite/checkEngine.js';
import { pymem, tempDir } from '../fuzz/runPymem.js';

const PLUGINS = join(import.meta.dirname, '..', '..', 'examples', 'plugins');

interface Example {
  file: string;
  level: ContractLevel;
  stricter: ContractLevel;
  /** The invariant the stricter level names first. */
  stricterFails: string;
  /** Each planted defect and the invariant its own level reports. */
  defects: Array<[defect: string, invariant: string]>;
}

const EXAMPLES: Example[] = [
  {
    file: 'markSweep.mjs', level: 'reachability', stricter: 'refcount', stricterFails: 'refcount-death-is-prompt',
    defects: [['free-reachable', 'reachable-never-freed'], ['finalize-twice', 'finalizer-at-most-once'], ['leak-cycle', 'full-collect-is-complete']],
  },
  {
    file: 'refcountCycles.mjs', level: 'refcount', stricter: 'cpython', stricterFails: 'count-rules',
    defects: [
      ['late-refcount-death', 'refcount-death-is-prompt'], ['leak-cycle', 'full-collect-is-complete'],
      ['free-reachable', 'reachable-never-freed'], ['finalize-twice', 'finalizer-at-most-once'],
    ],
  },
];

afterEach(() => {
  delete process.env.PYMEM_PLUGIN_DEFECT;
});

/** checkEngine's failure message: its invariant and the shrunk program's statements. */
function failureOf(run: () => unknown): { invariant: string; statements: number; message: string } {
  try {
    run();
  } catch (e) {
    const message = (e as Error).message;
    const invariant = /^engine: ([a-z0-9-]+) /.exec(message)?.[1] ?? '';
    const program = message.split('\n\n')[1] ?? '';
    return { invariant, statements: program.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length, message };
  }
  throw new Error('checkEngine passed');
}

for (const example of EXAMPLES) {
  describe(example.file, () => {
    it(`passes --contract ${example.level}, the level it declares, over 300 generated programs`, async () => {
      const createEngine = await loadPlugin(join(PLUGINS, example.file));
      const result = checkEngine(createEngine, { numRuns: 300, failureDatabase: false, timeLimitMs: 60_000 });
      expect(result.contract).toBe(example.level);
      expect(result.programs).toBe(300);
    }, 90_000);

    it(`fails --contract ${example.stricter} with ${example.stricterFails}`, async () => {
      const createEngine = await loadPlugin(join(PLUGINS, example.file));
      const failure = failureOf(() => checkEngine(createEngine, { contract: example.stricter, numRuns: 300, failureDatabase: false }));
      expect(failure.invariant, failure.message).toBe(example.stricterFails);
    }, 90_000);

    for (const [defect, invariant] of example.defects) {
      it(`PYMEM_PLUGIN_DEFECT=${defect} is found at ${example.level} as ${invariant}, shrunk to a few statements`, async () => {
        const createEngine = await loadPlugin(join(PLUGINS, example.file));
        process.env.PYMEM_PLUGIN_DEFECT = defect;
        const started = performance.now();
        const failure = failureOf(() => checkEngine(createEngine, { numRuns: 300, failureDatabase: false }));
        expect(failure.invariant, failure.message).toBe(invariant);
        expect(failure.statements, failure.message).toBeLessThanOrEqual(8);
        expect(performance.now() - started).toBeLessThan(30_000);
      }, 60_000);
    }
  });
}

describe('the failure database in the user\'s repository', () => {
  it('saves the shrunk failure with its level, and the next run replays it before generating anything', async () => {
    const createEngine = await loadPlugin(join(PLUGINS, 'markSweep.mjs'));
    const database = join(tempDir('failures'), '.pymem', 'failures');
    process.env.PYMEM_PLUGIN_DEFECT = 'leak-cycle';
    const first = failureOf(() => checkEngine(createEngine, { numRuns: 300, failureDatabase: database }));
    expect(first.invariant).toBe('full-collect-is-complete');
    const saved = readdirSync(database).filter((n) => n.endsWith('.py'));
    expect(saved.length).toBeGreaterThan(0);
    expect(readFileSync(join(database, saved[0]), 'utf8')).toContain('contract reachability');
    // The command the message gives replays the plug-in at its level, not pymem's own implementation.
    const command = /replay the program:\n {2}npx pymem (check .*)/.exec(first.message)?.[1];
    expect(command, first.message).toMatch(/ --impl \S*markSweep\.mjs --contract reachability$/);
    const replayed = await pymem(command!.split(' '), { PYMEM_PLUGIN_DEFECT: 'leak-cycle' });
    expect(replayed.stdout, replayed.stderr).toContain('FAIL full-collect-is-complete');
    expect(replayed.code).toBe(1);
    const again = failureOf(() => checkEngine(createEngine, { numRuns: 1, failureDatabase: database }));
    expect(again.message).toContain('a saved failure still fails');
    delete process.env.PYMEM_PLUGIN_DEFECT;
    const fixed = checkEngine(createEngine, { numRuns: 20, failureDatabase: database });
    expect(fixed.replayed).toBe(saved.length);
    expect(existsSync(database)).toBe(true);
  }, 90_000);
});

describe('the example plug-ins', () => {
  it('import nothing of pymem: they are written from the contract alone', () => {
    for (const file of readdirSync(PLUGINS).filter((n) => n.endsWith('.mjs'))) {
      const source = readFileSync(join(PLUGINS, file), 'utf8');
      expect(source.match(/^\s*import\b.*$/gm) ?? [], file).toEqual([]);
      expect(source, file).not.toMatch(/\bimport\(|\brequire\(/);
    }
  });
});
