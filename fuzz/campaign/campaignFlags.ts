/*
 * The values of `pymem fuzz`'s flags: durations (`8h`, `30m`, `60s`, `1h30m`, `500ms`; a bare number
 * is seconds), `--shard I/N` (0-based, as a Kubernetes Indexed Job or a CI matrix numbers its jobs),
 * counts and seeds. Each bad value is a UsageError naming its flag.
 */
import { UsageError } from '../../io/usageError.js';
import type { Shard } from '../programs/programSource.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(flag: string, text: string): number {
  const bare = /^\d+(\.\d+)?$/.test(text) ? `${text}s` : text;
  const parts = [...bare.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== bare) {
    throw new UsageError([`--${flag} must be a duration such as 8h, 30m, 60s or 1h30m, not '${text}'`]);
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
  if (ms <= 0) throw new UsageError([`--${flag} must be longer than zero, not '${text}'`]);
  return ms;
}

export function parseCount(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError([`--${flag} must be a whole number from ${min} to ${max}, not '${text}'`]);
  }
  return Number(text);
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count || count > 100_000) {
    throw new UsageError([`--shard must be I/N with 0 <= I < N (for example 0/4 … 3/4), not '${text}'`]);
  }
  return { index, count };
}

export function parseSeed(text: string): string {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(text)) {
    throw new UsageError([`--seed must be 1 to 64 letters, digits or . _ : -, not '${text}'`]);
  }
  return text;
}
