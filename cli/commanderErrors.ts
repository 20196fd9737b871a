/*
 * commander's parse errors in pymem's words. commander says `error: unknown option '--bogus'` and
 * `(Did you mean --bogus?)` on a line of its own; pymem says `pymem fuzz: unknown flag '--bogus' (did
 * you mean --boss?)` — one line, the command first, as every other usage error — and follows a
 * mistake in the command line with the command's usage. The tests in test/cli/ pin each message, so
 * a commander upgrade that changes its wording shows there.
 */
import type { CommanderError } from 'commander';
import { UsageError } from '../io/usageError.js';
import { type CommandSpec, usageLine } from './commandSpec.js';

/** `command` is the command being parsed, undefined while the command itself is being looked up. */
export function fromCommander(e: CommanderError, command: CommandSpec | undefined): UsageError {
  const message = e.message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\?\)$/s, ' (did you mean $1?)')
    .replace(/^unknown option /, 'unknown flag ')
    .replace(/^option '(--[\w-]+) <([^>]+)>' argument missing/, '$1 needs a value: $1 $2')
    .replace(/^missing required argument '(.*)'/, 'missing $1');
  return new UsageError(command ? [message, usageLine(command)] : [message, 'usage: pymem COMMAND [flags]  (pymem --help lists the commands)']);
}
