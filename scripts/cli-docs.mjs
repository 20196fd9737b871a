// Writes docs/cli.md, the command line's reference, from the command specs in cli/ (cli/reference.ts)
// as compiled into dist/: `npm run docs:cli` builds first. test/cli/reference.test.ts fails until the file
// is rewritten after a spec changes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../dist/cli/main.js';
import { cliReference } from '../dist/cli/reference.js';

const file = join(import.meta.dirname, '..', 'docs', 'cli.md');
writeFileSync(file, cliReference(COMMANDS));
console.log(`wrote ${file}`);
