/*
 * A usage or input error: a bad flag, a program or file that cannot be read or is invalid. Thrown by
 * any library; the command line prints its lines and exits with EXIT.usage, having executed and
 * written nothing. Everything else that escapes is a bug in pymem.
 *
 * Two kinds of message, so that every line reads the same whatever library raised it: most errors are
 * about the command as typed, and the command line puts `pymem <command>: ` in front of their first
 * line (a library does not know which command called it); errors `inFile` already start with
 * `FILE:LINE:COL: ` — the position an editor jumps to — and are printed as they are.
 */
export class UsageError extends Error {
  constructor(
    readonly lines: string[],
    readonly inFile = false,
  ) {
    super(lines.join('\n'));
  }

  /** Lines that each start with `FILE:LINE:COL: `. */
  static inFile(lines: string[]): UsageError {
    return new UsageError(lines, true);
  }
}
