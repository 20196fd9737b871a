/*
 * Which names a program may bind and read.
 *
 * A program name must be a plain Python identifier that does not change what the prelude, the
 * interpreter or the language already mean: rebinding `gc`, `free` or `id` would break the prelude
 * (Fin.__del__ calls id()), rebinding `revived` would detach the list that Lazarus.__del__ fills, and
 * keywords are not names at all. Dunder names are module metadata (`__debug__` cannot even be
 * assigned), and `_pymem` is the prelude's private prefix.
 *
 * The builtin list is `dir(builtins)` of CPython 3.11.7, lowercase entries only (capitalised ones
 * such as `None` or `ValueError` can never match the name pattern).
 */

export const NAME_PATTERN = /^[a-z_][a-z0-9_]*$/;

/** Dict keys: short string literals, so that printing them never needs escapes. */
export const KEY_PATTERN = /^[a-z_][a-z0-9_]{0,15}$/;

/** Names the prelude defines (besides its `_pymem` private names). */
export const PRELUDE_NAMES: ReadonlySet<string> = new Set([
  'gc', 'weakref', 'ctypes', 'os', 'tracemalloc',
  'Obj', 'Fin', 'Lazarus', 'revived', 'on_clear',
  'malloc', 'realloc', 'free', 'fork',
]);

/** `keyword.kwlist` of 3.11 in lowercase; the soft keywords `match`, `case`, `_` are ordinary names. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

export const PYTHON_BUILTINS: ReadonlySet<string> = new Set([
  '__build_class__', '__debug__', '__doc__', '__import__', '__loader__', '__name__', '__package__',
  '__spec__', 'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint',
  'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'compile', 'complex', 'copyright',
  'credits', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'exit', 'filter',
  'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id',
  'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'license', 'list', 'locals', 'map',
  'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property',
  'quit', 'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod',
  'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip',
]);

/**
 * Why `name` cannot be used in this role, or null when it can. `bind` is a statement's target;
 * `read` is an operand (a name the statement reads, mutates or deletes).
 */
export function reservedNameProblem(name: string, role: 'bind' | 'read'): string | null {
  if (!NAME_PATTERN.test(name)) return `'${name}' is not a valid name`;
  if (PYTHON_KEYWORDS.has(name)) return `'${name}' is a Python keyword`;
  if (name.startsWith('_pymem')) return `'${name}' is reserved for the prelude (names starting with _pymem)`;
  if (name.startsWith('__') && name.endsWith('__')) return `'${name}' is reserved (dunder name)`;
  if (name === 'revived' && role === 'read') return `'revived' can only be used as revived.clear()`;
  if (PRELUDE_NAMES.has(name)) {
    return role === 'bind' ? `'${name}' would shadow the prelude` : `'${name}' is part of the prelude, not a program name`;
  }
  if (PYTHON_BUILTINS.has(name)) {
    return role === 'bind' ? `'${name}' would shadow the builtin` : `'${name}' is a builtin, not a program name`;
  }
  return null;
}
