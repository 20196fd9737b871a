/*
 * pymem's exit codes, the same for every command: 0 success; 1 a check failed or a campaign found
 * something; 2 bad usage or bad input (nothing was run or written); 3 interrupted (SIGINT, SIGTERM).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 3 } as const;
