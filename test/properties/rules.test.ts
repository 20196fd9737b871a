import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../impl/engine.js';
import { CPYTHON_GEOMETRY } from '../../language/ast.js';
import { INVARIANTS } from '../../properties/invariants/catalogue.js';
import { BOUNDARY_SIDES, boundaryCounter, RULE_CATALOGUE, RULES } from '../../properties/rules/ruleCatalogue.js';
import { rulesDoc } from '../../properties/rules/rulesDoc.js';
import { ruleMinimums, RULE_MINIMUMS } from '../../properties/statistics/requiredMinimums.js';
import { GENERATED_KINDS } from '../../properties/generators/programArbitrary.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** Every counter pymem's implementation keeps, by name (zeros included). */
const COUNTERS = new Set(Object.keys(createEngine({ statements: [], geometry: CPYTHON_GEOMETRY, cpython: '3.11' }, {}).features!()));

/** GitHub's anchor of a heading. */
const anchor = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');

describe('the rules catalogue', () => {
  it('names each rule once, and every rule has something that shows it was reached', () => {
    expect(new Set(RULES).size).toBe(RULES.length);
    for (const rule of RULE_CATALOGUE) expect(rule.reachedBy.length > 0 || (rule.boundary?.sides.length ?? 0) > 0, rule.name).toBe(true);
  });

  it('points at sections that exist in the documents', () => {
    for (const rule of RULE_CATALOGUE) {
      const [file, section] = rule.doc.split('#');
      const headings = readFileSync(join(ROOT, file), 'utf8').split('\n').filter((l) => /^#{2,3} /.test(l)).map((l) => anchor(l.replace(/^#+ /, '')));
      expect(headings, `${rule.name}: ${rule.doc}`).toContain(section);
    }
  });

  it('reads statistics and boundary counters that exist: the engine\'s counters, the invariants, the generated kinds', () => {
    for (const rule of RULE_CATALOGUE) {
      for (const key of rule.reachedBy) {
        const [section, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
        if (section === 'feature') expect(COUNTERS.has(name), `${rule.name}: ${key}`).toBe(true);
        else if (section === 'invariant') expect(INVARIANTS as readonly string[], `${rule.name}: ${key}`).toContain(name);
        else if (section === 'statement') expect(GENERATED_KINDS as readonly string[]).toContain(name);
        else expect(section, `${rule.name}: ${key}`).toBe('trace');
      }
      for (const side of rule.boundary?.sides ?? []) expect(COUNTERS.has(boundaryCounter(rule, side)), `${rule.name}:${side}`).toBe(true);
    }
  });

  it('counts every boundary counter the implementation keeps under some rule', () => {
    const counted = new Set(RULE_CATALOGUE.flatMap((r) => (r.boundary?.sides ?? []).map((side) => boundaryCounter(r, side))));
    const sideless = new Set(RULE_CATALOGUE.flatMap((r) => BOUNDARY_SIDES.filter((s) => !r.boundary?.sides.includes(s)).map((s) => `rule:${r.name}:${s}`)));
    const kept = [...COUNTERS].filter((c) => c.startsWith('rule:'));
    // A side a rule cannot be on is counted by the engine all the same (it stays 0); every other one is the catalogue's.
    expect(kept.filter((c) => !counted.has(c) && !sideless.has(c))).toEqual([]);
  });

  it('requires a minimum of every rule of the default run and each side of its boundary', () => {
    const keys = new Set(RULE_MINIMUMS.map((m) => m.key));
    for (const rule of RULE_CATALOGUE.filter((r) => r.suite === 'default')) {
      expect(keys.has(`rule:${rule.name}`), rule.name).toBe(true);
      for (const side of rule.boundary?.sides ?? []) expect(keys.has(`rule:${rule.name}:${side}`), `${rule.name}:${side}`).toBe(true);
    }
    expect(ruleMinimums('3.13').map((m) => m.key)).toEqual(expect.arrayContaining(['rule:pending-dropped', 'rule:list-del-keeps-array', 'rule:scheduled-collection:at']));
    expect(ruleMinimums('3.12').map((m) => m.key)).not.toContain('rule:pending-dropped');
    expect(ruleMinimums('tracemalloc').map((m) => m.key)).toEqual(['rule:tracemalloc-traces']);
  });

  it('docs/rules.md is what the catalogue gives (npm run docs:rules)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8')).toBe(rulesDoc());
  });
});
