/*
 * Running a program on abstract values, to find every statement CPython would reject or that would
 * raise, before anything runs.
 *
 * Straight-line code makes this exact: each name holds None, a raw block or an abstract object
 * (symbolicValue.ts), shared by reference, so `y = x` makes y an alias and `x.append(z)` lengthens
 * y too. Nothing a program can do reads an element back out of a container, so element values need
 * not be tracked. The lists `revived` and `gc.garbage` grow at run time, but a program can only
 * clear them, so they need no state either.
 *
 * `step` checks a statement and, only if it is valid, applies it: an invalid statement leaves the
 * state as if it had never been written, so each later problem is reported on its own merits.
 */
import type { Statement } from './ast.js';
import { checkMutation } from './checkMutation.js';
import { literalProblems } from './limits.js';
import { reservedNameProblem } from './names.js';
import { operandNames, targetName } from './operands.js';
import { type RawBlock, type SymbolicObject, type SymbolicValue, typeName } from './symbolicValue.js';

/** Where a problem is: an operand (index into `operandNames`), a literal, the target, or the whole statement. */
export type ProblemSite = { operand: number } | { literal: number } | 'target' | 'statement';

export interface Problem {
  site: ProblemSite;
  message: string;
}

export class SymbolicExecution {
  private readonly names = new Map<string, SymbolicValue>();

  /** What each bound name holds now (generators pick valid operands from it). */
  bindings(): ReadonlyMap<string, SymbolicValue> {
    return this.names;
  }

  /** Problems of `s` in the current state; when there are none, `s` is applied. */
  step(s: Statement): Problem[] {
    const problems: Problem[] = literalProblems(s).map(({ literal, message }) => ({ site: { literal }, message }));
    const literalsValid = problems.length === 0;
    const operands = operandNames(s);
    const report = (site: ProblemSite, message: string) => problems.push({ site, message });
    const at = (operand: number, message: string) => report({ operand }, message);

    const target = targetName(s);
    const targetProblem = target === null ? null : reservedNameProblem(target, 'bind');
    if (targetProblem) report('target', targetProblem);

    const read = (i: number): SymbolicValue | undefined => {
      const reserved = reservedNameProblem(operands[i], 'read');
      const value = this.names.get(operands[i]);
      if (reserved) at(i, reserved);
      else if (!value) at(i, `name '${operands[i]}' is not defined`);
      return reserved ? undefined : value;
    };
    /** A value that may be stored in a container or slot, or operated on as an object. */
    const readObject = (i: number): SymbolicValue | undefined => {
      const v = read(i);
      if (v?.kind !== 'raw') return v;
      at(i, `'${operands[i]}' holds a raw block, not an object`);
      return undefined;
    };
    const readObjects = () => operands.map((_, i) => readObject(i));
    const liveBlock = (i: number): RawBlock | undefined => {
      const v = read(i);
      if (!v) return undefined;
      if (v.kind !== 'raw') at(i, `'${operands[i]}' does not hold a raw block`);
      else if (v.block.releasedBy === 'free') at(i, `block '${operands[i]}' was already freed`);
      else if (v.block.releasedBy === 'realloc') at(i, `block '${operands[i]}' was already reallocated`);
      else return v.block;
      return undefined;
    };
    const bindObject = (object: SymbolicObject) => () => this.names.set(target!, { kind: 'object', object });

    let apply = (): void => {};
    switch (s.kind) {
      case 'newList':
        readObjects();
        apply = bindObject({ type: 'list', length: s.items.length });
        break;
      case 'newTuple':
        if (s.items.length === 0) report('statement', 'a tuple needs at least one item');
        readObjects();
        apply = bindObject({ type: 'tuple' });
        break;
      case 'newDict':
        readObjects();
        apply = bindObject({ type: 'dict', keys: new Set(s.entries.map(([key]) => key)) });
        break;
      case 'newInstance':
        apply = bindObject({ type: 'instance', cls: s.cls, slots: new Set() });
        break;
      case 'newBytes':
        apply = bindObject({ type: 'bytes' });
        break;
      case 'bindNone':
        apply = () => this.names.set(s.target, { kind: 'none' });
        break;
      case 'rebind': {
        const value = read(0);
        apply = () => this.names.set(s.target, value!);
        break;
      }
      case 'newWeakref': {
        const referent = readObject(0);
        if (referent && !(referent.kind === 'object' && referent.object.type === 'instance')) {
          at(0, `cannot create weak reference to '${typeName(referent)}' object`);
        }
        apply = bindObject({ type: 'weakref' });
        break;
      }
      case 'malloc':
        apply = () => this.names.set(s.target, { kind: 'raw', block: { releasedBy: null } });
        break;
      case 'realloc': {
        const block = liveBlock(0);
        apply = () => {
          block!.releasedBy = 'realloc';
          this.names.set(s.target, { kind: 'raw', block: { releasedBy: null } });
        };
        break;
      }
      case 'free': {
        const block = liveBlock(0);
        apply = () => (block!.releasedBy = 'free');
        break;
      }
      case 'del': {
        // Python unbinds left to right, so `del x, x` fails on the second x.
        const unbound = new Set<string>();
        s.names.forEach((name, i) => {
          if (read(i) && unbound.has(name)) at(i, `name '${name}' is not defined`);
          unbound.add(name);
        });
        apply = () => s.names.forEach((name) => this.names.delete(name));
        break;
      }
      default:
        apply = checkMutation(s, readObjects(), at, literalsValid);
    }
    if (problems.length === 0) apply();
    return problems;
  }
}
