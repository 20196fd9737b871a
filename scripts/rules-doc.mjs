// Writes docs/rules.md from the rules catalogue (properties/rules/ruleCatalogue.ts), through the compiled
// tree: `npm run docs:rules` builds first. test/properties/rules.test.ts fails when the file is not what
// the catalogue gives.
// usage: node scripts/rules-doc.mjs
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const { rulesDoc } = await import(pathToFileURL(resolve(root, 'dist/properties/rules/rulesDoc.js')).href);
const text = rulesDoc();
writeFileSync(resolve(root, 'docs/rules.md'), text);
console.log(`wrote docs/rules.md (${text.split('\n').length} lines)`);
