/*
 * Inlining an alias: `t = s` deleted, and the statements after it that read t read s instead, until
 * t or s is bound again or deleted (from there on t would name something else, or s nothing). A
 * `del t` there is left as written: t was never bound, so the normalizer drops it, which is what the
 * alias's death amounted to. Deletion alone cannot do this: deleting `t = s` leaves every use of t
 * dangling, and the normalizer drops them all.
 *
 * The candidate is only a candidate: the shrinker keeps it when the program still fails the same way
 * (a program that aliased on purpose, to keep an object alive, will not).
 */
import type { Statement } from '../../language/ast.js';
import { mapNames, targetName } from '../../language/operands.js';

/** The program without its rebind at `index`, its later reads of the alias redirected; null if `index` is no rebind. */
export function inlineRebind(statements: readonly Statement[], index: number): Statement[] | null {
  const rebind = statements[index];
  if (rebind.kind !== 'rebind' || rebind.target === rebind.source) return null;
  const { target: alias, source } = rebind;
  const out = statements.slice(0, index);
  let redirecting = true;
  for (const s of statements.slice(index + 1)) {
    if (!redirecting) {
      out.push(s);
      continue;
    }
    if (s.kind === 'del' && (s.names.includes(alias) || s.names.includes(source))) {
      out.push(s);
      redirecting = false;
      continue;
    }
    const bound = targetName(s);
    const redirected = mapNames(s, (name) => (name === alias ? source : name));
    // mapNames renames the binding too; the binding keeps its name.
    out.push(bound === null ? redirected : ({ ...redirected, target: bound } as Statement));
    if (bound === alias || bound === source) redirecting = false;
  }
  return out;
}
