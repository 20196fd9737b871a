/*
 * Where pymem writes for its user. Commands and campaigns take an `Io` instead of touching `process`, so
 * that tests run them in-process and read what they printed.
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
