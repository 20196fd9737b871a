/*
 * The numbers of a program, for the shrinker's number pass (shrinkProgram.ts): where each one is
 * (`numberSlots`), how to change it (`withNumber`), and which smaller values to try, in increasing
 * order of the shrink order's number rank (`smallerCandidates`).
 *
 * What "the smallest number that keeps the failure" can mean. A failure need not be monotone in a
 * number (a size class bug fails at 16 and 32 but not at 17), so bisection is unsound; trying every
 * smaller value is too slow for sizes up to 10 MB. The candidates exploit the structure of each number
 * instead — where a number's effect can change — and are tried smallest first:
 *
 *   request sizes (`malloc`, `realloc`)  0, 1, then each pymalloc size class's last size (16k), then
 *       513 (past the small-request threshold), then 2^k and 2^k + 1 above; once one keeps the failure,
 *       the first size of its class (16(k − 1) + 1) is tried too;
 *   `bytes(n)`  the same for the object's request, 33 + n (model/machine/objectMemory.ts), from n = 2;
 *   generations  0, 1;
 *   thresholds  0, 1, 2, … 32, then the value halved repeatedly (ascending);
 *   list indices  by magnitude, non-negative first: 0, 1, −1, 2, −2, …;
 *
 * and after the first candidate that keeps the failure (or, when none does, from the original value)
 * the values just below it are tried one by one while they keep it (at most LOCAL_STEPS). So a shrunk
 * number is guaranteed to keep the failure, to be below no smaller candidate of its kind that keeps it,
 * and to lose the failure one step down (or to sit on a candidate already tried) — exact for failures
 * that change only where the allocator's rules change (a size class, the 512-byte threshold) or only at
 * a class's last size (an off-by-one in the class computation), which is what the candidates are; a
 * size class costs one evaluation, not two, because its first size is tried only once its last one
 * fails. Equal numbers are first shrunk together (two `malloc(240)` that must stay in one size class),
 * then one by one, each given the others: a coordinate-wise minimum, as Hypothesis's.
 */
import { objectBytes } from '../../model/machine/objectMemory.js';
import { ALIGNMENT, SMALL_REQUEST_THRESHOLD, blockSizeOfClass, sizeClassOf } from '../../model/allocator/index.js';
import { cpythonProfile } from '../../contract/cpythonProfiles.js';
import { DEFAULT_CPYTHON, type Statement } from '../../language/ast.js';
import { numberRank } from './programOrder.js';

export type NumberDomain = 'request' | 'bytes' | 'generation' | 'threshold' | 'index';

export interface NumberSlot {
  statement: number;
  /** Which number of the statement (a threshold's position; 0 otherwise). */
  position: number;
  domain: NumberDomain;
  value: number;
}

/** Steps tried one by one below the chosen candidate. */
export const LOCAL_STEPS = 16;
const LINEAR_THRESHOLDS = 32;
const MAX_REQUEST = 10_000_000;
// A bytes object's header is the same under every version profile (only instances differ).
const BYTES_HEADER = objectBytes({ type: 'bytes', size: 0 }, cpythonProfile(DEFAULT_CPYTHON).instance);

export function numberSlots(statements: readonly Statement[]): NumberSlot[] {
  const slots: NumberSlot[] = [];
  statements.forEach((s, statement) => {
    switch (s.kind) {
      case 'malloc':
      case 'realloc':
        slots.push({ statement, position: 0, domain: 'request', value: s.size });
        break;
      case 'newBytes':
        slots.push({ statement, position: 0, domain: 'bytes', value: s.size });
        break;
      case 'collect':
        if (s.explicitGeneration) slots.push({ statement, position: 0, domain: 'generation', value: s.generation });
        break;
      case 'setThreshold':
        s.thresholds.forEach((value, position) => slots.push({ statement, position, domain: 'threshold', value }));
        break;
      case 'pop':
      case 'setItem':
      case 'delItem':
        if (typeof s.index === 'number') slots.push({ statement, position: 0, domain: 'index', value: s.index });
        break;
      default:
        break;
    }
  });
  return slots;
}

export function withNumber(s: Statement, slot: NumberSlot, value: number): Statement {
  switch (s.kind) {
    case 'malloc':
    case 'realloc':
    case 'newBytes':
      return { ...s, size: value };
    case 'collect':
      return { ...s, generation: value as 0 | 1 | 2 };
    case 'setThreshold':
      return { ...s, thresholds: s.thresholds.map((t, k) => (k === slot.position ? value : t)) };
    case 'pop':
    case 'setItem':
    case 'delItem':
      return { ...s, index: value };
    default:
      return s;
  }
}

/** Request sizes where pymalloc's behaviour can change, ascending, below `limit`: each size class by its last size. */
function requestBoundaries(limit: number): number[] {
  const out = [0, 1];
  for (let end = ALIGNMENT; end <= SMALL_REQUEST_THRESHOLD; end += ALIGNMENT) out.push(end);
  out.push(SMALL_REQUEST_THRESHOLD + 1);
  for (let power = 2 * SMALL_REQUEST_THRESHOLD; power <= MAX_REQUEST; power *= 2) out.push(power, power + 1);
  return [...new Set(out)].filter((n) => n < limit);
}

/** The first size of a small request's class (its own value above the threshold, where there are no classes). */
const classStart = (request: number) => (request < 1 || request > SMALL_REQUEST_THRESHOLD ? request : blockSizeOfClass(sizeClassOf(request)!) - ALIGNMENT + 1);

/** Once `value` keeps the failure: the value to try next below it, the first of its size class; null for other kinds. */
export function classStartBelow(domain: NumberDomain, value: number): number | null {
  if (domain === 'request') return classStart(value) < value ? classStart(value) : null;
  if (domain === 'bytes') {
    const start = Math.max(2, classStart(value + BYTES_HEADER) - BYTES_HEADER);
    return start < value ? start : null;
  }
  return null;
}

/** The values to try for a number, simplest first, each strictly simpler than `value`. */
export function smallerCandidates(domain: NumberDomain, value: number): number[] {
  switch (domain) {
    case 'request':
      return requestBoundaries(value);
    case 'bytes':
      return [2, ...requestBoundaries(value + BYTES_HEADER).map((r) => r - BYTES_HEADER)].filter((n, k, all) => n >= 2 && n < value && all.indexOf(n) === k);
    case 'generation':
      return [0, 1].filter((g) => g < value);
    case 'threshold': {
      const linear = Array.from({ length: Math.min(Math.abs(value), LINEAR_THRESHOLDS + 1) }, (_, k) => k);
      const halves: number[] = [];
      for (let h = Math.abs(value) >> 1; h > LINEAR_THRESHOLDS; h >>= 1) halves.unshift(h);
      return [...linear, ...halves].filter((n) => numberRank(n) < numberRank(value));
    }
    case 'index': {
      const out: number[] = [];
      for (let m = 0; m <= Math.abs(value); m++) out.push(m, -m);
      return [...new Set(out)].filter((n) => numberRank(n) < numberRank(value));
    }
  }
}

/** The value one step simpler than `value` (toward 0), or null at the domain's floor. */
export function oneStepSimpler(domain: NumberDomain, value: number): number | null {
  const floor = domain === 'bytes' ? 2 : 0;
  if (value === floor || (domain !== 'threshold' && domain !== 'index' && value < floor)) return null;
  if (value < 0) return value + 1;
  return value - 1 >= floor ? value - 1 : null;
}
