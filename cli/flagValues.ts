/*
 * The kinds of value a flag takes, each a parser from the text typed to the value a command uses:
 * whole numbers in a range, durations (`8h`, `30m`, `60s`, `1h30m`, `500ms`; a bare number is
 * seconds), `--shard I/N` (0-based, as a Kubernetes Indexed Job or a CI matrix numbers its jobs),
 * seeds, one word of a list, comma-separated lists. A parser refuses a value with a BadValue that says
 * what the flag accepts — its range, its words — and the command line (commandSpec.ts) puts the flag's
 * name and the value in front, so every message reads `--workers must be …, not '-1'`.
 */
import type { Shard } from '../fuzz/programs/programSource.js';

export type ParseValue<T> = (text: string) => T;

export class BadValue extends Error {
  /** `mustBe` completes "--flag …"; `found` is the part of the value at fault (the whole value by default). */
  constructor(readonly mustBe: string, readonly found?: string) {
    super(mustBe);
  }
}

export function wholeNumber(min: number, max: number): ParseValue<number> {
  return (text) => {
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new BadValue(`must be a whole number from ${min} to ${max}`);
    }
    return Number(text);
  };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, from `min` to `max` as written (`1s`, `1000h`). */
export function duration(min: string, max: string): ParseValue<number> {
  const range = `a duration from ${min} to ${max}, such as 8h, 30m, 60s or 1h30m`;
  const [lowest, highest] = [durationMs(min)!, durationMs(max)!];
  return (text) => {
    const ms = durationMs(text);
    if (ms === undefined || ms < lowest || ms > highest) throw new BadValue(`must be ${range}`);
    return ms;
  };
}

function durationMs(text: string): number | undefined {
  const bare = /^\d+(\.\d+)?$/.test(text) ? `${text}s` : text;
  const parts = [...bare.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== bare) return undefined;
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0));
}

const MAX_SHARDS = 100_000;

export const shard: ParseValue<Shard> = (text) => {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count || count > MAX_SHARDS) {
    throw new BadValue(`must be I/N with 0 <= I < N <= ${MAX_SHARDS} (for example 0/4 … 3/4)`);
  }
  return { index, count };
};

export const seed: ParseValue<string> = (text) => {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(text)) throw new BadValue('must be 1 to 64 letters, digits or . _ : -');
  return text;
};

/** A path or a module name: anything but the empty string. */
export const path: ParseValue<string> = (text) => {
  if (text === '') throw new BadValue('needs a path');
  return text;
};

/*
 * Inside a command spec, give oneOf and listOf their T (`oneOf<'impl' | 'model'>([…])`): TypeScript
 * leaves an inferred generic call there unresolved while it infers the spec's flags, and every flag
 * of that spec would then read as a switch.
 */
export function oneOf<T extends string>(words: readonly T[]): ParseValue<T> {
  return (text) => {
    if (!(words as readonly string[]).includes(text)) throw new BadValue(`must be one of ${words.join(', ')}`);
    return text as T;
  };
}

/** Comma-separated words of `words`, each at most once, in the order given. */
export function listOf<T extends string>(words: readonly T[]): ParseValue<T[]> {
  return (text) => {
    const chosen = text.split(',').map((w) => w.trim());
    const unknown = chosen.find((w) => !(words as readonly string[]).includes(w));
    if (unknown !== undefined) throw new BadValue(`must list some of ${words.join(', ')} (comma-separated)`, unknown);
    return [...new Set(chosen)] as T[];
  };
}
