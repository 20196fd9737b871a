/*
 * `pymem prelude`: the Python that makes any pymem program a runnable Python 3.11 script, so that every
 * counterexample can be run in CPython as it is.
 */
import { EXIT } from '../io/exitCodes.js';
import { PRELUDE } from '../language/prelude.js';
import { defineCommand } from './commandSpec.js';

export const preludeCommand = defineCommand({
  name: 'prelude',
  summary: 'print the Python prelude that makes a program run in CPython',
  about:
    'Prints the Python definitions that pymem programs use beyond Python itself: the object classes Obj, Fin and ' +
    'Lazarus, the weakref callback on_clear, malloc, realloc and free through ctypes, and fork(). Put it before a ' +
    'program to run the program in CPython 3.11: ' +
    '(pymem prelude; cat FILE.py) > x.py && python3 x.py',
  operands: [],
  flags: {},
  exits: { ok: 'the prelude was printed' },
  run(_args, io) {
    io.out(PRELUDE);
    return EXIT.ok;
  },
});
