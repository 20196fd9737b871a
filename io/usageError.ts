/*
 * A usage or input error: a bad flag, a program or file that cannot be read or is invalid. Thrown by
 * any library; the command line prints its lines as they are and exits with EXIT.usage, having executed
 * and written nothing. Everything else that escapes is a bug in pymem.
 */
export class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}
