/*
 * Oracle tests need CPython: `python3` for the tests written for it, and for the tests that run
 * under every version profile, each installed interpreter of 3.11, 3.12 and 3.13
 * (oracle/findInterpreters.ts). Without one the test is skipped, and the skipped test's name says why.
 */
import { CPYTHON_VERSIONS, type CPythonVersion } from '../../language/ast.js';
import { findInterpreters, type Interpreter } from '../../oracle/findInterpreters.js';
import { checkPython } from '../../oracle/python.js';

const check = checkPython();

export const python = check.ok ? check : null;
export const skipReason = check.ok ? '' : `skipped: ${check.message}`;

const found = findInterpreters();

/** Every version profile, with its interpreter or the reason it has none. */
export const interpreters: Array<{ cpython: CPythonVersion; interpreter: Interpreter | null; skipReason: string }> =
  CPYTHON_VERSIONS.map((cpython) => {
    const interpreter = found.get(cpython) ?? null;
    return { cpython, interpreter, skipReason: interpreter ? '' : `skipped: no CPython ${cpython} installed (PATH, pyenv or PYMEM_PYTHONS)` };
  });
