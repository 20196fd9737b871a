/*
 * Statements that start with `name.`: slot stores (`x.a = y`), the list and dict methods, and the
 * calls into the prelude's modules (`gc.collect()`, `gc.garbage.clear()`, `revived.clear()`,
 * `tracemalloc.start()`).
 *
 * The module calls are recognised by their exact spelling before the generic method forms, so
 * `revived.clear()` is `clearRevived` while `gc.append(x)` still parses as an append to a container
 * named `gc`, which the validator then rejects with a message about the name rather than the syntax.
 */
import { TokenCursor, type StatementBody } from './tokenCursor.js';

const NO_ARGUMENT_CALLS: Readonly<Record<string, StatementBody>> = {
  'gc.enable': { kind: 'gcEnable' },
  'gc.disable': { kind: 'gcDisable' },
  'gc.freeze': { kind: 'freeze' },
  'gc.unfreeze': { kind: 'unfreeze' },
  'revived.clear': { kind: 'clearRevived' },
  'tracemalloc.start': { kind: 'tracemallocStart' },
  'tracemalloc.stop': { kind: 'tracemallocStop' },
};

const CONTAINER_METHODS: ReadonlySet<string> = new Set(['append', 'pop', 'clear']);

export function attributeStatement(c: TokenCursor): StatementBody {
  const owner = c.peek()!;
  const attribute = c.peek(2);
  if (attribute?.type !== 'name') {
    c.next();
    c.next();
    return c.fail(`expected an attribute name, found ${c.describe()}`);
  }
  const dotted = `${owner.text}.${attribute.text}`;
  if (c.isPunct('=', 3)) {
    const target = c.operand();
    c.next();
    const slot = c.slot();
    c.next();
    return { kind: 'setSlot', target, slot, value: c.operand() };
  }
  if (dotted === 'gc.garbage') {
    c.next();
    c.next();
    c.next();
    c.expect('.');
    c.expect('clear');
    c.expect('(');
    c.expect(')');
    return { kind: 'clearGarbage' };
  }
  if (!c.isPunct('(', 3)) {
    c.next();
    c.next();
    c.next();
    return c.fail(`expected '(' or '=', found ${c.describe()}`);
  }
  if (dotted in NO_ARGUMENT_CALLS || (owner.text === 'gc' && !CONTAINER_METHODS.has(attribute.text))) {
    c.next();
    c.next();
    c.next();
    c.next();
    return moduleCall(c, dotted, attribute.col);
  }
  if (!CONTAINER_METHODS.has(attribute.text)) {
    return c.fail(`unsupported method '${attribute.text}' (supported: append, pop, clear)`, attribute);
  }
  const container = c.operand();
  c.next();
  c.next();
  c.next();
  return containerMethod(c, container, attribute.text);
}

/** After the opening parenthesis of a call into `gc`, `revived` or `tracemalloc`. */
function moduleCall(c: TokenCursor, dotted: string, attributeCol: number): StatementBody {
  const noArguments = NO_ARGUMENT_CALLS[dotted];
  if (noArguments) {
    c.expect(')');
    return noArguments;
  }
  switch (dotted) {
    case 'gc.collect': {
      if (c.isPunct(')')) {
        c.next();
        return { kind: 'collect', generation: 2, explicitGeneration: false };
      }
      const generation = c.int();
      closeArguments(c);
      // The range is checked with the other literals; the cast only carries the value there.
      return { kind: 'collect', generation: generation as 0 | 1 | 2, explicitGeneration: true };
    }
    case 'gc.set_threshold': {
      if (c.isPunct(')')) c.fail('gc.set_threshold needs 1 to 3 thresholds');
      const thresholds = c.separated(')', () => c.int()).items;
      return { kind: 'setThreshold', thresholds };
    }
    case 'gc.set_debug': {
      const t = c.peek();
      if (t?.type === 'int' && t.text === '0') {
        c.next();
        closeArguments(c);
        return { kind: 'setDebug', saveAll: false };
      }
      if (t?.type === 'name' && t.text === 'gc' && c.isPunct('.', 1) && c.peek(2)?.text === 'DEBUG_SAVEALL') {
        c.next();
        c.next();
        c.next();
        closeArguments(c);
        return { kind: 'setDebug', saveAll: true };
      }
      return c.fail('only gc.set_debug(gc.DEBUG_SAVEALL) and gc.set_debug(0) are supported');
    }
    default:
      return c.fail(`unsupported call '${dotted}()'`, { type: 'name', text: dotted, col: attributeCol });
  }
}

/** A single argument may be followed by a comma, as Python allows. */
function closeArguments(c: TokenCursor): void {
  if (c.isPunct(',') && c.isPunct(')', 1)) c.next();
  c.expect(')');
}

/** After the opening parenthesis of `x.append(`, `x.pop(` or `x.clear(`. */
function containerMethod(c: TokenCursor, container: string, method: string): StatementBody {
  if (method === 'append') {
    const item = c.operand();
    closeArguments(c);
    return { kind: 'append', list: container, item };
  }
  if (method === 'clear') {
    c.expect(')');
    return { kind: 'clear', container };
  }
  if (c.isPunct(')')) {
    c.next();
    return { kind: 'pop', container, index: null };
  }
  const index = c.subscript();
  closeArguments(c);
  return { kind: 'pop', container, index };
}
