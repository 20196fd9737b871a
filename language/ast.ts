/*
 * The program language: a straight-line subset of Python (3.11 to 3.13; docs/language.md).
 *
 * A program is a list of statements plus an allocator configuration. Every statement is plain,
 * JSON-serialisable data so that generators, shrinkers, findings and the CLI share one form.
 * Names are plain strings; `loc` is filled in by the parser (and absent on generated statements),
 * so that the validator can point at the exact column of an operand.
 */

export type InstanceClass = 'Obj' | 'Fin' | 'Lazarus';
export type SlotName = 'a' | 'b' | 'c';
/** A list index (int literal) or a dict key (short string literal). */
export type Subscript = number | string;

/** Where a statement came from: 1-based line and column, plus the column of each operand. */
export interface SourceLocation {
  line: number;
  col: number;
  /** Columns of the statement's operands in the order `operandNames()` lists them. */
  operandCols?: number[];
}

interface Located {
  loc?: SourceLocation;
}

export type Statement = Located &
  (
    | { kind: 'newList'; target: string; items: string[] }
    | { kind: 'newDict'; target: string; entries: Array<[key: string, value: string]> }
    | { kind: 'newTuple'; target: string; items: string[] }
    | { kind: 'newInstance'; target: string; cls: InstanceClass }
    | { kind: 'newBytes'; target: string; size: number }
    | { kind: 'bindNone'; target: string }
    | { kind: 'rebind'; target: string; source: string }
    | { kind: 'newWeakref'; target: string; referent: string; callback: boolean }
    | { kind: 'malloc'; target: string; size: number }
    | { kind: 'realloc'; target: string; block: string; size: number }
    | { kind: 'free'; block: string }
    | { kind: 'del'; names: string[] }
    | { kind: 'append'; list: string; item: string }
    /** `x.pop()` (index null), `x.pop(i)` on a list, `x.pop('k')` on a dict. */
    | { kind: 'pop'; container: string; index: Subscript | null }
    | { kind: 'clear'; container: string }
    | { kind: 'setItem'; container: string; index: Subscript; value: string }
    | { kind: 'delItem'; container: string; index: Subscript }
    | { kind: 'setSlot'; target: string; slot: SlotName; value: string }
    | { kind: 'delSlot'; target: string; slot: SlotName }
    /** `gc.collect()` is generation 2. */
    | { kind: 'collect'; generation: 0 | 1 | 2; explicitGeneration: boolean }
    | { kind: 'gcEnable' }
    | { kind: 'gcDisable' }
    | { kind: 'setThreshold'; thresholds: number[] }
    | { kind: 'freeze' }
    | { kind: 'unfreeze' }
    | { kind: 'setDebug'; saveAll: boolean }
    | { kind: 'clearGarbage' }
    | { kind: 'clearRevived' }
    | { kind: 'tracemallocStart' }
    | { kind: 'tracemallocStop' }
    | { kind: 'fork' }
  );

export type StatementKind = Statement['kind'];
export type StatementOf<K extends StatementKind> = Extract<Statement, { kind: K }>;

/**
 * Allocator geometry (docs/language.md#geometry). CPython 3.11 uses 16 KiB pools and 1 MiB arenas; tests
 * scale them down so that short programs reach pool and arena transitions. Alignment (16), the
 * small-request threshold (512) and the pool header (48) are fixed. In program text the configuration is
 * the comment line `# pymem: pool_size=1024 arena_size=4096`.
 */
export interface AllocatorGeometry {
  poolSize: number;
  arenaSize: number;
}

export const CPYTHON_GEOMETRY: AllocatorGeometry = Object.freeze({ poolSize: 16384, arenaSize: 1 << 20 });

/**
 * The CPython version a program's memory management follows (docs/cpython-versions.md): its engines
 * consult the profile of that version (contract/cpythonProfiles.ts). In program text it is the
 * header's `cpython=3.12` (docs/language.md#the-header); a command's `--cpython` overrides it.
 */
export const CPYTHON_VERSIONS = ['3.11', '3.12', '3.13'] as const;
export type CPythonVersion = (typeof CPYTHON_VERSIONS)[number];
export const DEFAULT_CPYTHON: CPythonVersion = '3.11';

export const isCPythonVersion = (text: string): text is CPythonVersion => (CPYTHON_VERSIONS as readonly string[]).includes(text);

export interface Program {
  statements: Statement[];
  geometry: AllocatorGeometry;
  /** The version profile the program runs under (DEFAULT_CPYTHON unless its header or the caller says). */
  cpython: CPythonVersion;
}

/** The same program under another version profile (what a command's `--cpython` does). */
export const withCPython = (program: Program, cpython: CPythonVersion | undefined): Program =>
  cpython === undefined || cpython === program.cpython ? program : { ...program, cpython };
