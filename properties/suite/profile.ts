/*
 * Settings profiles, like Hypothesis's: `ci` (the default) runs a fixed number of programs per property
 * from a fixed seed, so a CI run is the same on every machine (a time limit below vitest's timeout is
 * only a safety net); `long` (PYMEM_PROFILE=long) runs for as long as PYMEM_TIME allows from a seed of
 * its own. The seed is always printed; PYMEM_SEED and PYMEM_PATH
 * replay a reported failure exactly (fast-check's seed and path).
 */
export interface SuiteProfile {
  name: 'ci' | 'long';
  seed: number;
  /** fast-check's replay path, when replaying a reported failure. */
  path?: string;
  numRuns: number;
  timeLimitMs: number;
}

/** The CI suite's seed: its properties, its statistics run (statistics/ciRun.ts) and the planted-bug hunt all draw from it. */
export const CI_SEED = 20261121;

export function suiteProfile(env: NodeJS.ProcessEnv = process.env): SuiteProfile {
  const name = env.PYMEM_PROFILE === 'long' ? 'long' : 'ci';
  const number = (key: string, fallback: number) => {
    const v = env[key];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${key} must be a number${key === 'PYMEM_TIME' ? ' of milliseconds' : ''}, not '${v}'`);
    return n;
  };
  const seed = number('PYMEM_SEED', name === 'ci' ? CI_SEED : seedFromEnvironment(env));
  return {
    name,
    seed,
    path: env.PYMEM_PATH || undefined,
    numRuns: number('PYMEM_RUNS', name === 'ci' ? 4000 : Number.MAX_SAFE_INTEGER),
    timeLimitMs: number('PYMEM_TIME', name === 'ci' ? 45_000 : 600_000),
  };
}

/**
 * A long run wants a new seed each time, yet no wall clock may decide semantics: the seed is taken from
 * the environment (the CI job id, or PYMEM_SEED) and printed, so the run replays.
 */
function seedFromEnvironment(env: NodeJS.ProcessEnv): number {
  const text = env.GITHUB_RUN_ID ?? env.CI_JOB_ID ?? env.HOSTNAME ?? 'pymem';
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h | 0;
}
