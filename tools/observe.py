#!/usr/bin/env python3
"""Observe a pymem program in real CPython 3.11 and check it against an expected trace.

    python3 tools/observe.py PROGRAM.py                                   # the driver's JSON lines
    python3 tools/observe.py PROGRAM.py --compare EXPECTED.trace.jsonl   # exit 1 on a mismatch
    python3 tools/observe.py PROGRAM.py --raw                             # CPython's temporaries left in

A thin wrapper: the observing is done by the CPython oracle's driver (oracle/driver.py and
oracle/cpython_driver/, described in docs/oracle.md), the one implementation. This tool
adds what deriving the examples' expected traces (examples/README.md) needs: a comparison with a
hand-written `.trace.jsonl`. Compared: step, line, finalized, callbacks, collections, count (when the
driver vouches for it), and `freed` restricted to Obj/Fin/Lazarus ids, the only deaths a weak
reference can see; when the expected line has them, `tracedLines` (tracemalloc's statistics for the
program's lines) and `sizes` (`sys.getsizeof` by id, for the objects reachable from the roots).
Deaths of lists, dicts, tuples, bytes and weakrefs are derived by reasoning, and so is `traced`
(current, peak), which the interpreter's own allocations inflate in CPython.
"""
import argparse
import io
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'oracle'))

from cpython_driver.observer import Observer  # noqa: E402
from cpython_driver.prelude import CLASS_NAMES  # noqa: E402
from cpython_driver.program import parse_program  # noqa: E402


def observe(path, raw):
    """(statement lines, end line) as the driver reports them."""
    with open(path) as f:
        statements = parse_program(f.read())
    out = io.StringIO()
    Observer(statements, raw=raw, out=out).run(path)
    lines = [json.loads(l) for l in out.getvalue().splitlines() if l.strip()]
    return out.getvalue(), [l for l in lines if 'step' in l], lines[-1]


def compare(observed, expected_path):
    """Problems (strings) between the observed statement lines and an expected trace."""
    with open(expected_path) as f:
        expected = [json.loads(l) for l in f if l.strip()]
    instances = {o['created']['id'] for o in observed
                 if o['created'] and o['created']['type'] in CLASS_NAMES}
    problems = []
    if len(expected) != len(observed):
        problems.append('expected %d lines, observed %d' % (len(expected), len(observed)))
    keys = ('generation', 'collected', 'uncollectable')
    for e, o in zip(expected, observed):
        where = 'step %d (line %d: %s)' % (o['step'], o['line'], o['stmt'])
        pairs = [
            ('step/line', [e['step'], e['line']], [o['step'], o['line']]),
            ('finalized', e['finalized'], o['finalized']),
            ('callbacks', e['callbacks'], o['callbacks']),
            ('collections', [{k: c[k] for k in keys} for c in e['collections']],
             [{k: c[k] for k in keys} for c in o['collections']]),
            ('freed instances', [i for i in e['freed'] if i in instances], o['freed']),
        ]
        if o['count_exact']:
            pairs.append(('count', e['count'], o['count']))
        if 'tracedLines' in e:
            pairs.append(('tracedLines', e['tracedLines'], o.get('traced_lines')))
        if 'sizes' in e:
            seen = {str(x['id']): x['size'] for x in o['objects']}
            pairs.append(('sizes', {k: v for k, v in e['sizes'].items() if k in seen}, seen))
        for field, want, got in pairs:
            if want != got:
                problems.append('%s: %s expected %r, observed %r' % (where, field, want, got))
    return problems


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('program')
    ap.add_argument('--compare', metavar='EXPECTED.trace.jsonl',
                    help='check the observation against an expected trace; exit 1 on a mismatch')
    ap.add_argument('--raw', action='store_true',
                    help="keep CPython's own temporaries (argument tuples, ClearWeakRefs tuples, ctypes "
                         "calls) in count; only the driver's allocations are taken out")
    args = ap.parse_args(argv)
    text, observed, end = observe(args.program, args.raw)
    if not args.compare:
        sys.stdout.write(text)
    for note in end['notes']:
        print('# note: ' + note, file=sys.stderr)
    if end['error']:
        print('# program raised: ' + end['error'], file=sys.stderr)
        return 1
    if args.compare:
        problems = compare(observed, args.compare)
        for p in problems:
            print('# MISMATCH ' + p, file=sys.stderr)
        unvouched = [o['step'] for o in observed if not o['count_exact']]
        if unvouched:
            print('# count not vouched for at steps %s: not compared' % unvouched, file=sys.stderr)
        print('# compare %s: %s' % (args.compare, 'OK' if not problems else '%d mismatch(es)' % len(problems)),
              file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
