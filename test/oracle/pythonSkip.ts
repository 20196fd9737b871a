/*
 * Oracle tests need CPython 3.11 as `python3`; without it they are skipped, and the skipped test's
 * name says why.
 */
import { checkPython } from '../../oracle/python.js';

const check = checkPython();

export const python = check.ok ? check : null;
export const skipReason = check.ok ? '' : `skipped: ${check.message}`;
