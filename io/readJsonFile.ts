/*
 * Reading the JSON files of a campaign directory — campaign.json, findings — that a user may have
 * edited, truncated, or confused with another file. Every problem becomes a UsageError naming the file
 * and what is wrong with it (exit 2), never a stack trace: a file that does not parse gives
 * its LINE:COL, a file of the wrong kind says what it expected, a missing or mistyped field is named.
 */
import { readUtf8File } from './readTextFile.js';
import { UsageError } from './usageError.js';

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'string|null' | 'object|null';

export function readJsonFile(file: string, what: string): unknown {
  return parseJsonText(file, what, readUtf8File(file, `the ${what}`));
}

export function parseJsonText(file: string, what: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw UsageError.inFile([`${file}:${jsonErrorPosition(text, (e as Error).message)}: not a valid ${what} (corrupt JSON: ${(e as Error).message})`]);
  }
}

/** Checks a parsed file's format tag and fields; returns it typed. */
export function expectShape<T>(file: string, what: string, value: unknown, format: string, fields: Record<string, FieldType>): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError([`${file}: not a ${what}: expected a JSON object`]);
  }
  const record = value as Record<string, unknown>;
  if (record.format !== format) {
    throw new UsageError([`${file}: not a ${what}: expected "format": "${format}", found ${JSON.stringify(record.format ?? null)}`]);
  }
  expectFields(file, what, '', record, fields);
  return value as T;
}

/** Checks the fields of an object inside a file (`prefix` names where: "settings."). */
export function expectFields(file: string, what: string, prefix: string, record: object, fields: Record<string, FieldType>): void {
  for (const [field, type] of Object.entries(fields)) {
    const found = (record as Record<string, unknown>)[field];
    if (!hasType(found, type)) {
      throw new UsageError([`${file}: corrupt ${what}: field "${prefix}${field}" should be ${type}, found ${JSON.stringify(found ?? null)?.slice(0, 60)}`]);
    }
  }
}

function hasType(v: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string|null':
      return v === null || typeof v === 'string';
    case 'object|null':
      return v === null || (typeof v === 'object' && !Array.isArray(v));
  }
}

/** `LINE:COL` of a JSON.parse error ("… at position N …"), or `1:1` when it gives none. */
function jsonErrorPosition(text: string, message: string): string {
  const match = /position (\d+)/.exec(message);
  const offset = match ? Number(match[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
