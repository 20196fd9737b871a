/*
 * The configuration comment `# pymem: pool_size=1024 arena_size=4096`
 * (docs/language.md#geometry).
 *
 * It is a comment so that the program stays a valid Python script. Either setting may be left out
 * and then keeps CPython's value; the pair must still make sense together (see geometryProblems).
 */
import { type AllocatorGeometry, CPYTHON_GEOMETRY } from './ast.js';
import { geometryProblems } from './limits.js';

export const GEOMETRY_COMMENT = /^#\s*pymem:/;

export interface GeometryComment {
  geometry: AllocatorGeometry;
  problems: Array<{ col: number; message: string }>;
}

const SETTINGS = { pool_size: 'poolSize', arena_size: 'arenaSize' } as const;

/** `comment` is the line from its `#` on; `firstCol` is the column of that `#`. */
export function parseGeometryComment(comment: string, firstCol: number): GeometryComment {
  const geometry: AllocatorGeometry = { ...CPYTHON_GEOMETRY };
  const problems: GeometryComment['problems'] = [];
  const settingCols = new Map<string, number>();
  const body = comment.slice(comment.indexOf(':') + 1);
  const bodyCol = firstCol + comment.indexOf(':') + 1;
  for (const match of body.matchAll(/\S+/g)) {
    const col = bodyCol + match.index!;
    const [key, value, ...extra] = match[0].split('=');
    if (!(key in SETTINGS)) {
      problems.push({ col, message: `unknown setting '${key}' (expected pool_size or arena_size)` });
      continue;
    }
    if (settingCols.has(key)) {
      problems.push({ col, message: `${key} is set twice` });
      continue;
    }
    settingCols.set(key, col);
    if (value === undefined || extra.length > 0 || !/^[0-9]+$/.test(value)) {
      problems.push({ col, message: `expected ${key}=<integer>, found '${match[0]}'` });
      continue;
    }
    geometry[SETTINGS[key as keyof typeof SETTINGS]] = Number(value);
  }
  if (problems.length === 0) {
    for (const { setting, message } of geometryProblems(geometry)) {
      problems.push({ col: settingCols.get(setting) ?? firstCol, message });
    }
  }
  return { geometry, problems };
}
