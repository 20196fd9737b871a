/*
 * The versions a campaign file and a finding record carry (docs/campaign.md): pymem's, from the
 * package.json of the repository this module runs from (sources or dist/), and Node's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Versions {
  pymem: string;
  node: string;
}

let cached: Versions | undefined;

export function versions(): Versions {
  if (!cached) cached = { pymem: pymemVersion(), node: process.versions.node };
  return cached;
}

function pymemVersion(): string {
  let dir = import.meta.dirname;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (json.name === 'pymem' && typeof json.version === 'string') return json.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
