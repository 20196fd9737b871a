/*
 * Flag parsing on `node:util`'s parseArgs, turning its exceptions into a UsageError that names the
 * flag, so that no bad command line ends in a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../io/usageError.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** What parseArgs returns, spelled out so that the declaration emitted for this module can name it. */
export interface ParsedArgs<O extends Options> {
  values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
}

export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, positionals: string): ParsedArgs<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as ParsedArgs<O>;
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError([`pymem ${command}: ${message}`, `usage: pymem ${command} ${positionals}`]);
  }
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError([`--${flag} must be one of ${allowed.join(', ')}, not '${value}'`]);
}
