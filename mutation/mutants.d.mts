/*
 * The types of what test/mutation/counterIgnorer.test.ts imports from mutants.mjs (plain ESM run by
 * Node and Stryker, outside the compiled tree).
 */
/** Stryker's Ignorer over Babel's AST: the reason a statement's mutants are not tested, or undefined. */
export const COUNTER_IGNORER: { shouldIgnore(path: { node: unknown }): string | undefined };
export const COUNTER_REASON: string;
