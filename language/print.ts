/*
 * AST to program text, in the one canonical spelling.
 *
 * Findings, corpus files and shrunk counterexamples are compared and deduplicated as text, so every
 * AST has exactly one printed form: single quotes, `, ` between items, no trailing commas, plain
 * decimal ints, and the `# pymem:` line only when the version or the geometry is not the default
 * (`cpython=` first, then the geometry, which is printed whole). Parsing the
 * printed text gives back the same AST (locations aside).
 */
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON, type Program, type Statement, type Subscript } from './ast.js';

const subscript = (index: Subscript) => (typeof index === 'string' ? `'${index}'` : String(index));

export function printStatement(s: Statement): string {
  switch (s.kind) {
    case 'newList':
      return `${s.target} = [${s.items.join(', ')}]`;
    case 'newDict':
      return `${s.target} = {${s.entries.map(([k, v]) => `'${k}': ${v}`).join(', ')}}`;
    case 'newTuple':
      return `${s.target} = (${s.items.join(', ')}${s.items.length === 1 ? ',' : ''})`;
    case 'newInstance':
      return `${s.target} = ${s.cls}()`;
    case 'newBytes':
      return `${s.target} = bytes(${s.size})`;
    case 'bindNone':
      return `${s.target} = None`;
    case 'rebind':
      return `${s.target} = ${s.source}`;
    case 'newWeakref':
      return `${s.target} = weakref.ref(${s.referent}${s.callback ? ', on_clear' : ''})`;
    case 'malloc':
      return `${s.target} = malloc(${s.size})`;
    case 'realloc':
      return `${s.target} = realloc(${s.block}, ${s.size})`;
    case 'free':
      return `free(${s.block})`;
    case 'del':
      return `del ${s.names.join(', ')}`;
    case 'append':
      return `${s.list}.append(${s.item})`;
    case 'pop':
      return `${s.container}.pop(${s.index === null ? '' : subscript(s.index)})`;
    case 'clear':
      return `${s.container}.clear()`;
    case 'setItem':
      return `${s.container}[${subscript(s.index)}] = ${s.value}`;
    case 'delItem':
      return `del ${s.container}[${subscript(s.index)}]`;
    case 'setSlot':
      return `${s.target}.${s.slot} = ${s.value}`;
    case 'delSlot':
      return `del ${s.target}.${s.slot}`;
    case 'collect':
      return s.explicitGeneration ? `gc.collect(${s.generation})` : 'gc.collect()';
    case 'gcEnable':
      return 'gc.enable()';
    case 'gcDisable':
      return 'gc.disable()';
    case 'setThreshold':
      return `gc.set_threshold(${s.thresholds.join(', ')})`;
    case 'freeze':
      return 'gc.freeze()';
    case 'unfreeze':
      return 'gc.unfreeze()';
    case 'setDebug':
      return s.saveAll ? 'gc.set_debug(gc.DEBUG_SAVEALL)' : 'gc.set_debug(0)';
    case 'clearGarbage':
      return 'gc.garbage.clear()';
    case 'clearRevived':
      return 'revived.clear()';
    case 'tracemallocStart':
      return 'tracemalloc.start()';
    case 'tracemallocStop':
      return 'tracemalloc.stop()';
    case 'fork':
      return 'fork()';
  }
}

/** The `# pymem:` line a program is printed with, or null when every setting is the default. */
export function printHeader(p: Pick<Program, 'geometry'> & { cpython?: Program['cpython'] }): string | null {
  const { poolSize, arenaSize } = p.geometry;
  const settings: string[] = [];
  if ((p.cpython ?? DEFAULT_CPYTHON) !== DEFAULT_CPYTHON) settings.push(`cpython=${p.cpython}`);
  if (poolSize !== CPYTHON_GEOMETRY.poolSize || arenaSize !== CPYTHON_GEOMETRY.arenaSize) {
    settings.push(`pool_size=${poolSize}`, `arena_size=${arenaSize}`);
  }
  return settings.length > 0 ? `# pymem: ${settings.join(' ')}` : null;
}

export function printProgram(p: Program): string {
  const lines = p.statements.map(printStatement);
  const header = printHeader(p);
  if (header !== null) lines.unshift(header);
  return lines.map((line) => `${line}\n`).join('');
}
