// Writes docs/invariants.md from the invariants catalogue (properties/invariants/catalogue.ts) and the
// planted bugs (plantedBugs/catalog.ts), through the compiled tree: `npm run docs:invariants` builds
// first. With --check it writes nothing and exits 1 when the file is not what the catalogue gives
// (test/properties/invariants.test.ts checks the same).
// usage: node scripts/invariants-doc.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const compiled = (path) => import(pathToFileURL(resolve(root, 'dist', path)).href);
const { invariantsDoc } = await compiled('properties/invariants/invariantsDoc.js');
const { PLANTED_BUGS } = await compiled('plantedBugs/catalog.js');
const file = resolve(root, 'docs/invariants.md');
const text = invariantsDoc(PLANTED_BUGS);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // a missing file is out of date like any other
  }
  if (current !== text) {
    console.error('docs/invariants.md is out of date: run npm run docs:invariants');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote docs/invariants.md (${text.split('\n').length} lines)`);
}
