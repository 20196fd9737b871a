/*
 * The literals of a statement and the ranges they must fall in.
 *
 * Some limits are CPython's (a generation is 0..2, thresholds are C ints, bytes(0) and bytes(1) are
 * cached singletons that allocate nothing); others are the subset's own (sizes up to 10 MB, so that a
 * program stays cheap to run, and short identifier-like dict keys). The parser reports a problem at
 * the literal's column; the validator re-checks statements that never went through the parser.
 *
 * A statement's literals are numbered in source order: dict keys, then sizes, subscripts,
 * the generation and the thresholds, whichever the statement has.
 */
import type { AllocatorGeometry, Statement } from './ast.js';
import { KEY_PATTERN } from './names.js';

export const MAX_SIZE = 10_000_000;
export const MIN_BYTES_SIZE = 2;
/**
 * CPython compiles a display of more than 15 entries (half its stack-use guideline of 30) as an empty
 * `BUILD_MAP 0` filled by `MAP_ADD`s, not as the presized dict of a shorter one, and the oracle saw its
 * generation-0 count differ from pymem's from 18 entries on, in 3.11, 3.12 and 3.13 alike; the subset
 * stops at 15, where pymem's dict display is CPython's. A larger dict is built by assignments.
 */
export const MAX_DICT_DISPLAY_ENTRIES = 15;
const C_INT_MIN = -(2 ** 31);
const C_INT_MAX = 2 ** 31 - 1;

export interface LiteralProblem {
  /** Index of the offending literal among the statement's literals, in source order. */
  literal: number;
  message: string;
}

function sizeProblem(what: string, size: number, min: number): string | null {
  if (!Number.isSafeInteger(size) || size < min || size > MAX_SIZE) {
    return `${what} size ${size} out of range ${min}..${MAX_SIZE}`;
  }
  return null;
}

function keyProblem(key: string): string | null {
  return KEY_PATTERN.test(key) ? null : `dict key '${key}' must match [a-z_][a-z0-9_]{0,15}`;
}

function subscriptProblem(index: number | string): string | null {
  if (typeof index === 'string') return keyProblem(index);
  return Number.isSafeInteger(index) ? null : `index ${index} is not an integer literal`;
}

export function literalProblems(s: Statement): LiteralProblem[] {
  const problems: LiteralProblem[] = [];
  const check = (literal: number, message: string | null) => {
    if (message !== null) problems.push({ literal, message });
  };
  switch (s.kind) {
    case 'newDict': {
      const seen = new Set<string>();
      s.entries.forEach(([key], i) => {
        check(i, seen.has(key) ? `duplicate dict key '${key}'` : keyProblem(key));
        seen.add(key);
      });
      if (s.entries.length > MAX_DICT_DISPLAY_ENTRIES) {
        check(MAX_DICT_DISPLAY_ENTRIES, `a dict display has at most ${MAX_DICT_DISPLAY_ENTRIES} entries (CPython builds a longer one entry by entry); add the others with d['key'] = value`);
      }
      break;
    }
    case 'newBytes':
      check(0, sizeProblem('bytes', s.size, MIN_BYTES_SIZE));
      break;
    case 'malloc':
    case 'realloc':
      check(0, sizeProblem(s.kind, s.size, 0));
      break;
    case 'pop':
      if (s.index !== null) check(0, subscriptProblem(s.index));
      break;
    case 'setItem':
    case 'delItem':
      check(0, subscriptProblem(s.index));
      break;
    case 'collect':
      if (![0, 1, 2].includes(s.generation)) check(0, `invalid generation ${s.generation} (must be 0, 1 or 2)`);
      break;
    case 'setThreshold':
      if (s.thresholds.length < 1 || s.thresholds.length > 3) {
        check(0, `gc.set_threshold takes 1 to 3 thresholds, got ${s.thresholds.length}`);
      }
      s.thresholds.forEach((t, i) => {
        if (!Number.isInteger(t) || t < C_INT_MIN || t > C_INT_MAX) {
          check(i, `threshold ${t} does not fit in a C int`);
        }
      });
      break;
  }
  return problems;
}

export interface GeometryProblem {
  setting: 'pool_size' | 'arena_size';
  message: string;
}

const isPowerOfTwo = (n: number) => Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** Pools of 1..16 KiB and arenas of 2..256 pools: the header still fits and pool maps stay small. */
export function geometryProblems(g: AllocatorGeometry): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  if (!isPowerOfTwo(g.poolSize) || g.poolSize < 1024 || g.poolSize > 16384) {
    problems.push({ setting: 'pool_size', message: `pool_size must be a power of two in 1024..16384, got ${g.poolSize}` });
    return problems;
  }
  const pools = g.arenaSize / g.poolSize;
  if (!isPowerOfTwo(g.arenaSize) || pools < 2 || pools > 256) {
    problems.push({
      setting: 'arena_size',
      message: `arena_size must be a power of two holding 2..256 pools of ${g.poolSize} bytes, got ${g.arenaSize}`,
    });
  }
  return problems;
}
