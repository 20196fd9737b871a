/*
 * Content hashes that name files: findings by invariant + shrunk program, corpus entries by program.
 * SHA-256 cut to 12 hex digits: stable across machines and Node versions, and collision-free at any
 * corpus or findings size a campaign reaches.
 */
import { createHash } from 'node:crypto';

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
