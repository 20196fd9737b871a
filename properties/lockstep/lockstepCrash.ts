/*
 * An exception thrown while the lockstep runner checked a statement — by the engine (a plug-in's bug, a
 * defect of pymem's implementation) or by the model — that is no allocator finding: the run cannot go
 * on. It is rethrown as a LockstepCrash that says at which step and line, keeping the original's name
 * and message (a crash finding is matched by its message: replaying an older finding still matches)
 * and the original as its `cause`.
 */
export class LockstepCrash extends Error {
  constructor(readonly original: unknown, readonly step: number, readonly line: number) {
    super(original instanceof Error ? original.message : `thrown: ${String(original)}`, { cause: original });
    this.name = original instanceof Error ? original.name : 'Error';
    if (original instanceof Error && original.stack) this.stack = original.stack;
  }
}

/** The crash `e` at `step` and `line`: a LockstepCrash already placed is passed on as it is. */
export function crashAt(e: unknown, step: number, line: number): LockstepCrash {
  return e instanceof LockstepCrash ? e : new LockstepCrash(e, step, line);
}
