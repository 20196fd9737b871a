/*
 * The progress cell (protocol.ts) between two processes: one Int32 at offset 0 of a temporary file
 * that the coordinator creates, unlinks at once and hands to the worker as its file descriptor
 * PROGRESS_FD. The worker writes the ordinal it is about to run with pwrite; the coordinator's
 * watchdog reads it with pread. Go's internal/fuzz shares the current input through a memory-mapped
 * file for the same reason: when a worker hangs or dies, the cell still says what it was running.
 *
 * Why a file and not a message per program: a message wakes the coordinator, and the coordinator
 * shares the cores with the workers; a pwrite of 4 bytes into the page cache costs the worker about a
 * microsecond and the coordinator nothing. Unlinked before the worker starts, the file disappears with
 * the last process holding it, so even `kill -9` of both leaves nothing behind. The cell holds −1
 * until the worker writes it.
 */
import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The worker's file descriptor for its cell: the child's stdio slot 4 (workerSlot.ts). */
export const PROGRESS_FD = 4;

let created = 0;

/** The coordinator's side: a fresh cell for every worker started, so a killed worker writes nowhere that matters. */
export class ProgressCell {
  readonly fd: number;
  private readonly buffer = new Int32Array(1);
  private open = true;
  /** Set only where an open file cannot be unlinked (Windows): then it is removed on close. */
  private file: string | null = null;

  constructor() {
    const file = join(tmpdir(), `.pymem-progress-${process.pid}-${created++}`);
    this.fd = openSync(file, 'w+', 0o600);
    try {
      unlinkSync(file);
    } catch {
      this.file = file;
    }
    this.buffer[0] = -1;
    writeSync(this.fd, this.buffer, 0, 4, 0);
  }

  read(): number {
    return this.open && readSync(this.fd, this.buffer, 0, 4, 0) === 4 ? this.buffer[0] : -1;
  }

  close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
    if (this.file) rmSync(this.file, { force: true });
  }
}

/** The worker's side. */
export class ProgressWriter {
  private readonly buffer = new Int32Array(1);

  constructor(private readonly fd = PROGRESS_FD) {}

  set(ordinal: number): void {
    this.buffer[0] = ordinal;
    writeSync(this.fd, this.buffer, 0, 4, 0);
  }

  /** Moves the cell on by one (shrink candidates): the watchdog sees every candidate as a new program. */
  step(): void {
    this.set(this.buffer[0] + 1);
  }
}
