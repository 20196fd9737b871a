/*
 * The header comment `# pymem: cpython=3.12 pool_size=1024 arena_size=4096`
 * (docs/language.md#the-header): the program's CPython version profile and its allocator geometry.
 *
 * It is a comment so that the program stays a valid Python script. Every setting may be left out
 * and then keeps its default (CPython 3.11, CPython's pool and arena sizes); the geometry's pair
 * must still make sense together (see geometryProblems).
 */
import { type AllocatorGeometry, CPYTHON_GEOMETRY, CPYTHON_VERSIONS, type CPythonVersion, DEFAULT_CPYTHON, isCPythonVersion } from './ast.js';
import { geometryProblems } from './limits.js';

export const HEADER_COMMENT = /^#\s*pymem:/;

export interface HeaderComment {
  geometry: AllocatorGeometry;
  cpython: CPythonVersion;
  problems: Array<{ col: number; message: string }>;
}

const GEOMETRY_SETTINGS = { pool_size: 'poolSize', arena_size: 'arenaSize' } as const;
const SETTINGS = ['cpython', ...Object.keys(GEOMETRY_SETTINGS)];

/** `comment` is the line from its `#` on; `firstCol` is the column of that `#`. */
export function parseHeaderComment(comment: string, firstCol: number): HeaderComment {
  const geometry: AllocatorGeometry = { ...CPYTHON_GEOMETRY };
  let cpython = DEFAULT_CPYTHON;
  const problems: HeaderComment['problems'] = [];
  const settingCols = new Map<string, number>();
  const body = comment.slice(comment.indexOf(':') + 1);
  const bodyCol = firstCol + comment.indexOf(':') + 1;
  for (const match of body.matchAll(/\S+/g)) {
    const col = bodyCol + match.index!;
    const [key, value, ...extra] = match[0].split('=');
    if (!SETTINGS.includes(key)) {
      problems.push({ col, message: `unknown setting '${key}' (expected cpython, pool_size or arena_size)` });
      continue;
    }
    if (settingCols.has(key)) {
      problems.push({ col, message: `${key} is set twice` });
      continue;
    }
    settingCols.set(key, col);
    if (key === 'cpython') {
      if (value === undefined || extra.length > 0 || !isCPythonVersion(value)) {
        problems.push({ col, message: `expected cpython=${CPYTHON_VERSIONS.join('|')}, found '${match[0]}'` });
      } else cpython = value;
      continue;
    }
    if (value === undefined || extra.length > 0 || !/^[0-9]+$/.test(value)) {
      problems.push({ col, message: `expected ${key}=<integer>, found '${match[0]}'` });
      continue;
    }
    geometry[GEOMETRY_SETTINGS[key as keyof typeof GEOMETRY_SETTINGS]] = Number(value);
  }
  if (problems.length === 0) {
    for (const { setting, message } of geometryProblems(geometry)) {
      problems.push({ col: settingCols.get(setting) ?? firstCol, message });
    }
  }
  return { geometry, cpython, problems };
}
