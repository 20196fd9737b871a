/*
 * docs/cli.md is what the command specs produce (cli/reference.ts): a flag added to a spec and not to
 * the page, or a page edited by hand, fails here. `npm run build && node scripts/cli-docs.mjs` rewrites it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/main.js';
import { cliReference } from '../../cli/reference.js';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'cli.md');

describe('docs/cli.md', () => {
  it('is what the command specs produce (rewrite it with: npm run build && node scripts/cli-docs.mjs)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(cliReference(COMMANDS));
  });

  it('describes every command, every flag and every exit code', () => {
    const doc = cliReference(COMMANDS);
    for (const command of COMMANDS) {
      expect(doc).toContain(`## pymem ${command.name}\n`);
      for (const flag of Object.keys(command.flags)) expect(doc).toContain(`| \`--${flag}`);
    }
    for (const code of [0, 1, 2, 3]) expect(doc).toMatch(new RegExp(`^\\| ${code} \\| \\S`, 'm'));
  });
});
