/*
 * pymem as another project gets it: `npm pack`, then `npm install --save-dev <tarball>` into an empty
 * project in a temporary folder, and everything a user does from there — the CLI through `npx pymem`,
 * a plug-in of the project's own checked by a campaign, an ES module and a vitest test that import the
 * public API, TypeScript against the shipped types, and every example of docs/api.md. The only honest
 * proof that the package installs.
 *
 * Needs the compiled dist/ (`npm test` builds first) and the npm cache that `npm ci` filled: the
 * project's own dependencies (fast-check, vitest) install from it without the network when they can.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../fuzz/runPymem.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const ownPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};

let project = '';
let tarball = '';
let listing: string[] = [];

function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(command, args, { cwd: options.cwd ?? project, env: { ...process.env, ...options.env }, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}\n${r.stderr}` };
}
/** `npx pymem …` in the user's project: the installed binary, not this repository's. */
const npxPymem = (...args: string[]) => run(join(project, 'node_modules', '.bin', 'pymem'), args);

/** A plug-in of the user's project: pymem's implementation behind the public API, optionally with a defect. */
const PLUGIN = `import { createImplementation } from 'pymem';

// PLANT=forget-freed: the engine reports no deaths (a realistic bookkeeping bug).
export function createEngine(program, hooks) {
  const engine = createImplementation(program, hooks);
  if (process.env.PLANT !== 'forget-freed') return engine;
  const execute = engine.execute.bind(engine);
  engine.execute = (statement, options) => ({ ...execute(statement, options), freed: [] });
  return engine;
}
`;

beforeAll(() => {
  const packs = tempDir('pack');
  const packed = execFileSync(NPM, ['pack', '--json', '--pack-destination', packs], { cwd: REPO, encoding: 'utf8' });
  const [info] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(packs, info.filename);
  listing = info.files.map((f) => f.path);
  project = tempDir('user-project');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }, null, 2));
  const install = run(NPM, ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', tarball,
    `fast-check@${ownPackage.dependencies['fast-check']}`, `vitest@${ownPackage.devDependencies.vitest}`]);
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.output}`);
  writeFileSync(join(project, 'engine.mjs'), PLUGIN);
}, 240_000);

describe('the tarball', () => {
  it('holds the compiled code, its types, the oracle driver, docs and examples', () => {
    for (const path of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'bin/pymem.js', 'dist/cli/main.js', 'dist/api/index.js',
      'dist/api/index.d.ts', 'dist/oracle/driver.py', 'dist/oracle/cpython_driver/observer.py', 'dist/bench/cpython.py', 'docs/api.md']) {
      expect(listing, path).toContain(path);
    }
    expect(listing.some((p) => p.startsWith('examples/') && p.endsWith('.py'))).toBe(true);
  });

  it('holds no tests, scripts, campaign output or source maps', () => {
    const unwanted = listing.filter((p) => /^(test|scripts|properties|impl|model|fuzz|cli|language|coverage|pymem-campaign)\//.test(p) ||
      p.endsWith('.map') || p.endsWith('.ts') && !p.endsWith('.d.ts') || p.includes('.test.'));
    expect(unwanted).toEqual([]);
  });
});

describe('the installed command line', () => {
  it('answers --version with the package version', () => {
    const r = npxPymem('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(ownPackage.version);
  });

  it('answers --help for every command, exit 0', () => {
    for (const command of ['run', 'check', 'stats', 'fuzz', 'replay', 'oracle', 'report', 'merge', 'bench', 'prelude']) {
      const r = npxPymem(command, '--help');
      expect(r.code, `${command} --help: ${r.output}`).toBe(0);
      expect(r.stdout, command).toContain(`pymem ${command}`);
    }
  });

  it('runs a program shipped in the package', () => {
    const example = join(project, 'node_modules', 'pymem', 'examples', 'self_referencing_list_collected_as_one.py');
    const r = npxPymem('run', example);
    expect(r.code, r.output).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { step: number });
    expect(lines.length).toBeGreaterThan(1);
    expect(npxPymem('check', example).code).toBe(0);
  });

  it('runs a campaign of 300 programs on the built-in implementation', () => {
    const r = npxPymem('fuzz', '--runs', '300', '--workers', '1', '--out', 'campaign');
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(/300 programs .* 0 findings/);
    expect(existsSync(join(project, 'campaign', 'campaign.json'))).toBe(true);
    expect(npxPymem('report', 'campaign').code).toBe(0);
  });

  it('checks the project\'s own plug-in in a campaign, and finds its planted defect', () => {
    const good = npxPymem('fuzz', '--impl', './engine.mjs', '--runs', '200', '--workers', '1', '--out', 'plugin-campaign');
    expect(good.code, good.output).toBe(0);
    const bad = run(join(project, 'node_modules', '.bin', 'pymem'), ['fuzz', '--impl', './engine.mjs', '--runs', '50', '--workers', '1', '--out', 'bad-campaign'],
      { env: { PLANT: 'forget-freed' } });
    expect(bad.code, bad.output).toBe(1);
    const findings = readdirSync(join(project, 'bad-campaign', 'findings'));
    expect(findings.length).toBeGreaterThan(0);
    const replay = run(join(project, 'node_modules', '.bin', 'pymem'), ['replay', join('bad-campaign', 'findings', findings[0])], { env: { PLANT: 'forget-freed' } });
    expect(replay.code, replay.output).toBe(1);
    expect(replay.stdout).toContain('reproduced');
    // The plug-in moved (another checkout, a laptop): --impl says where it is now.
    mkdirSync(join(project, 'moved'));
    copyFileSync(join(project, 'engine.mjs'), join(project, 'moved', 'engine.mjs'));
    rmSync(join(project, 'engine.mjs'));
    const lost = run(join(project, 'node_modules', '.bin', 'pymem'), ['replay', join('bad-campaign', 'findings', findings[0])], { env: { PLANT: 'forget-freed' } });
    expect(lost.code, lost.output).toBe(2);
    expect(lost.stderr).toContain('--impl');
    const moved = run(join(project, 'node_modules', '.bin', 'pymem'), ['replay', join('bad-campaign', 'findings', findings[0]), '--impl', './moved/engine.mjs'],
      { env: { PLANT: 'forget-freed' } });
    expect(moved.code, moved.output).toBe(1);
    expect(moved.stdout).toContain('reproduced');
    copyFileSync(join(project, 'moved', 'engine.mjs'), join(project, 'engine.mjs'));
  });
});

describe('the example plug-ins, from the installed package', () => {
  const example = (name: string) => join('node_modules', 'pymem', 'examples', 'plugins', name);

  for (const [name, level] of [['markSweep.mjs', 'reachability'], ['refcountCycles.mjs', 'refcount']]) {
    it(`${name} passes its declared level (${level}) in a 300-program campaign`, () => {
      const r = npxPymem('fuzz', '--impl', example(name), '--runs', '300', '--workers', '1', '--out', `campaign-${name}`);
      expect(r.code, r.output).toBe(0);
      expect(r.stdout).toContain(`contract ${level}`);
      expect(r.stdout).toMatch(/300 programs .* 0 findings/);
    });
  }

  for (const [name, stricter, invariant, defect] of [
    ['markSweep.mjs', 'refcount', 'refcount-death-is-prompt', 'free-reachable'],
    ['refcountCycles.mjs', 'cpython', 'count-rules', 'late-refcount-death'],
  ]) {
    it(`${name} fails the stricter level ${stricter}, and its ${defect} defect fails its own`, () => {
      const strict = npxPymem('fuzz', '--impl', example(name), '--contract', stricter, '--runs', '100', '--workers', '1', '--out', `strict-${name}`);
      expect(strict.code, strict.output).toBe(1);
      expect(strict.stdout).toContain(invariant);
      const broken = run(join(project, 'node_modules', '.bin', 'pymem'), ['fuzz', '--impl', example(name), '--runs', '100', '--workers', '1', '--out', `defect-${name}`],
        { env: { PYMEM_PLUGIN_DEFECT: defect } });
      expect(broken.code, broken.output).toBe(1);
      expect(broken.stdout).toMatch(/shrunk, [1-8] statements/);
    });
  }

  it('a plug-in without execute is a usage error naming it, before any program runs', () => {
    writeFileSync(join(project, 'no-execute.mjs'), 'export function createEngine() { return { run() {} }; }\n');
    const r = npxPymem('fuzz', '--impl', './no-execute.mjs', '--runs', '10', '--workers', '1', '--out', 'no-execute-campaign');
    expect(r.code, r.output).toBe(2);
    expect(r.stderr).toContain('the engine has no execute(statement, options) method');
    expect(existsSync(join(project, 'no-execute-campaign', 'findings'))).toBe(false);
  });
});

describe('installed from a git URL', () => {
  it('builds itself (npm runs prepare for a git dependency) and runs', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const elsewhere = tempDir('git-project');
    writeFileSync(join(elsewhere, 'package.json'), JSON.stringify({ name: 'git-project', private: true, type: 'module' }));
    const install = run(NPM, ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', `git+file://${REPO}#${head}`], { cwd: elsewhere });
    expect(install.code, install.output).toBe(0);
    const example = join(elsewhere, 'node_modules', 'pymem', 'examples', 'self_referencing_list_collected_as_one.py');
    const r = run(join(elsewhere, 'node_modules', '.bin', 'pymem'), ['check', example], { cwd: elsewhere });
    expect(r.code, r.output).toBe(0);
  }, 180_000);
});

describe('the installed API', () => {
  it('checks a plug-in from an ES module', () => {
    writeFileSync(join(project, 'check.mjs'), `import { checkEngine, loadPlugin, loadProgram, runLockstep, INVARIANTS } from 'pymem';
const createEngine = await loadPlugin('./engine.mjs');
const { program } = loadProgram('x = []\\nx.append(x)\\ndel x\\ngc.collect()\\n', 'cycle.py');
console.log('one program:', runLockstep(program, createEngine).divergence);
const result = checkEngine(createEngine, { numRuns: 100, failureDatabase: false });
console.log('programs:', result.programs, 'invariants:', INVARIANTS.length);
`);
    const r = run(process.execPath, ['check.mjs']);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('one program: null');
    expect(r.stdout).toMatch(/programs: 100 invariants: \d+/);
  });

  it('checks a plug-in from a vitest test, saves a failure to the database, and replays it first next time', () => {
    writeFileSync(join(project, 'engine.test.mjs'), `import { test } from 'vitest';
import { checkEngine, loadPlugin } from 'pymem';

test('the engine agrees with the model', async () => {
  checkEngine(await loadPlugin('./engine.mjs'), { numRuns: 150, testFile: 'engine.test.mjs' });
}, 120_000);
`);
    const vitest = join(project, 'node_modules', '.bin', 'vitest');
    const pass = run(vitest, ['run', 'engine.test.mjs']);
    expect(pass.code, pass.output).toBe(0);
    const fail = run(vitest, ['run', 'engine.test.mjs'], { env: { PLANT: 'forget-freed' } });
    expect(fail.code).toBe(1);
    expect(fail.output).toMatch(/engine: [a-z-]+ at (step \d+|teardown)/);
    expect(fail.output).toMatch(/saved as \.pymem\/failures\/[a-z-]+--[0-9a-f]+\.py/);
    const saved = readdirSync(join(project, '.pymem', 'failures'));
    expect(saved.length).toBeGreaterThan(0);
    const again = run(vitest, ['run', 'engine.test.mjs'], { env: { PLANT: 'forget-freed' } });
    expect(again.code).toBe(1);
    expect(again.output).toContain('a saved failure still fails');
  });

  it('type-checks a TypeScript plug-in against the shipped types', () => {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] },
      include: ['plugin.ts'],
    }));
    writeFileSync(join(project, 'plugin.ts'), `import { type CreateEngine, type TraceLine, type Program, CPYTHON_GEOMETRY, loadProgram } from 'pymem';
export const createEngine: CreateEngine = (program: Program) => {
  let step = 0;
  return {
    execute(statement): TraceLine {
      step++;
      return { step, line: statement.loc?.line ?? step, freed: [], finalized: [], callbacks: [], collections: [], count: [0, 0, 0] };
    },
  };
};
const loaded = loadProgram('x = []', 'x.py');
export const size: number = loaded.ok ? loaded.program.geometry.poolSize : CPYTHON_GEOMETRY.poolSize;
// @ts-expect-error: a trace line needs count
export const wrong: TraceLine = { step: 1, line: 1, freed: [], finalized: [], callbacks: [], collections: [] };
`);
    const tsc = run(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(tsc.output.trim()).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('imports nothing but the public entry point', () => {
    writeFileSync(join(project, 'deep.mjs'), "import 'pymem/dist/impl/engine.js';\n");
    const r = run(process.execPath, ['deep.mjs']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('runs every example of docs/api.md as it is written', () => {
    const doc = readFileSync(join(project, 'node_modules', 'pymem', 'docs', 'api.md'), 'utf8');
    const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(4);
    writeFileSync(join(project, 'my-engine.mjs'), PLUGIN);
    blocks.forEach((code, i) => {
      const named = /^\/\/ (\S+\.m?js)\n/.exec(code);
      const file = named ? named[1] : `example-${i}.mjs`;
      writeFileSync(join(project, file), code);
      const r = file.includes('.test.') ? run(join(project, 'node_modules', '.bin', 'vitest'), ['run', file]) : run(process.execPath, [file]);
      expect(r.code, `docs/api.md example ${i + 1} (${file}):\n${code}\n${r.output}`).toBe(0);
    });
  });
});
