/*
 * Where in a JSON file a character of one of its top-level string fields is written, as `LINE:COL` of
 * the file. A finding stores its program as one JSON string; when an edited program no longer loads,
 * the message can then point into the finding file itself — the place an editor jumps to — instead of
 * at a line of a program that exists only inside that string. Escapes (`\n`, `\"`, `\u00e9`) are
 * walked one by one, so the answer holds however the file's writer chose to escape.
 */

/**
 * `LINE:COL` in `json` (a text JSON.parse accepted) of the character at `offset` of the decoded
 * string value of the top-level field `key`; undefined when there is no such string field.
 */
export function jsonFieldPosition(json: string, key: string, offset: number): string | undefined {
  const start = valueStart(json, key);
  if (start === undefined) return undefined;
  let decoded = 0;
  let i = start + 1;
  while (i < json.length && json[i] !== '"' && decoded < offset) {
    i += json[i] === '\\' ? (json[i + 1] === 'u' ? 6 : 2) : 1;
    decoded++;
  }
  const before = json.slice(0, i);
  return `${before.split('\n').length}:${i - before.lastIndexOf('\n')}`;
}

/** The index of the opening quote of top-level `key`'s value, if that value is a string. */
function valueStart(json: string, key: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      const end = stringEnd(json, i);
      if (depth === 1 && JSON.parse(json.slice(i, end + 1)) === key) {
        const colon = skipSpace(json, end + 1);
        if (json[colon] === ':') {
          const value = skipSpace(json, colon + 1);
          return json[value] === '"' ? value : undefined;
        }
      }
      i = end;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opened at `open`. */
function stringEnd(json: string, open: number): number {
  let i = open + 1;
  while (json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
  return i;
}

function skipSpace(json: string, i: number): number {
  while (i < json.length && ' \t\r\n'.includes(json[i])) i++;
  return i;
}
