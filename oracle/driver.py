#!/usr/bin/env python3
"""The CPython side of `pymem oracle`: run a pymem program in real CPython 3.11 and report, after
each statement, what the interpreter shows, as one JSON line.

    python3 oracle/driver.py PROGRAM.py         # or - for standard input
    python3 oracle/driver.py PROGRAM.py --raw   # counts with CPython's own temporaries left in

Output: a header line {"driver", "python", "exact", "why"}, one line per statement, and an end line
{"end": true, "error", "notes"}. A statement line has:
  step, line, stmt        the statement
  created                 {"id", "type"} of the object it allocated (ids in creation order), or null
  freed                   Obj/Fin/Lazarus ids that died (the only deaths a weak reference can see)
  finalized, callbacks    ids whose __del__ / weakref callback ran (ascending; *_order: CPython's order)
  collections             every collection: generation, collected, uncollectable (generation_stats)
  count, count_exact      gc.get_count() of the program, and whether the driver vouches for it
  objects                 every object reachable from the roots: id, type, tracked, gen, finalized, refcount
  alive_after_clear       instances whose watch the collector cleared but that live on (resurrected, saved)
  foreign                 objects in generations 0-2 that are not the program's, counted by type (should never appear)

How the driver stays out of the program's way is in cpython_driver/ (observer.py, isolation.py,
watch.py) and docs/oracle.md ("How the driver observes without disturbing").
"""
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cpython_driver.observer import Observer  # noqa: E402
from cpython_driver.program import parse_program  # noqa: E402


def main(argv):
    raw = '--raw' in argv
    files = [a for a in argv if a != '--raw']
    if len(files) != 1:
        print('usage: driver.py PROGRAM.py|- [--raw]', file=sys.stderr)
        return 2
    path = files[0]
    text = sys.stdin.read() if path == '-' else open(path).read()
    observer = Observer(parse_program(text), raw=raw)
    error = observer.run(path)
    return 1 if error else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
