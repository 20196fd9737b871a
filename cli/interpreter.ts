/*
 * Which CPython a command talks to (`oracle`, `bench`): the one `--python` names, else one of the
 * version `--cpython` names (found on PATH or by pyenv, oracle/findInterpreters.ts), else `python3`.
 * The interpreter's own version selects the profile, so a `--cpython` that contradicts the `--python`
 * given beside it is refused rather than silently obeyed: the comparison would be against the wrong rules.
 */
import type { CPythonVersion } from '../language/ast.js';
import { UsageError } from '../io/usageError.js';
import { findInterpreters, type Interpreter } from '../oracle/findInterpreters.js';
import { checkPython, PYTHON } from '../oracle/python.js';

export function chooseInterpreter(python: string | undefined, cpython: CPythonVersion | undefined): Interpreter {
  if (python === undefined && cpython !== undefined) {
    const found = findInterpreters().get(cpython);
    if (!found) {
      throw new UsageError([`--cpython ${cpython}: no CPython ${cpython} interpreter found (python${cpython} or python3 on PATH, pyenv, PYMEM_PYTHONS); name one with --python`]);
    }
    return found;
  }
  const check = checkPython(python ?? PYTHON);
  if (!check.ok) throw new UsageError([python === undefined ? check.message : `--python: ${check.message}`]);
  if (cpython !== undefined && cpython !== check.cpython) {
    throw new UsageError([`--python ${python} is CPython ${check.version}, not ${cpython}: give one of the two, or an interpreter of ${cpython}`]);
  }
  return { version: check.version, executable: check.executable, cpython: check.cpython };
}
