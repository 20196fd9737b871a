/*
 * Reading the JSON files of a campaign directory — campaign.json, findings — that a user may have
 * edited, truncated, or confused with another file. Every problem becomes a UsageError naming the file
 * and what is wrong with it (exit 2), never a stack trace: a file that does not parse gives
 * its LINE:COL, a file of the wrong kind says what it expected, a missing or mistyped field is named.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './usageError.js';

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'string|null' | 'object|null';

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError([`${file}: cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError([`${file}:${jsonErrorPosition(text, (e as Error).message)}: not a valid ${what} (corrupt JSON: ${(e as Error).message})`]);
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
  for (const [field, type] of Object.entries(fields)) {
    if (!hasType(record[field], type)) {
      throw new UsageError([`${file}: corrupt ${what}: field "${field}" should be ${type}, found ${JSON.stringify(record[field] ?? null)?.slice(0, 60)}`]);
    }
  }
  return value as T;
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
