/*
 * Where the CLI writes. Commands take an `Io` instead of touching `process` so that tests run them
 * in-process and read what they printed.
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** A usage or input error: printed as is, exit code 2, nothing executed or written. */
export class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 3 } as const;
