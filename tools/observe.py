#!/usr/bin/env python3
"""Observe a pymem program in real CPython (3.11, 3.12 or 3.13: the interpreter running this tool)
and check it against an expected trace, or write one.

    python3 tools/observe.py PROGRAM.py                                   # the driver's JSON lines
    python3 tools/observe.py PROGRAM.py --compare EXPECTED.trace.jsonl   # exit 1 on a mismatch
    python3 tools/observe.py PROGRAM.py --trace [--sizes] [--gens]        # the expected trace, observed
    python3 tools/observe.py PROGRAM.py --raw                             # CPython's temporaries left in

A thin wrapper: the observing is done by the CPython oracle's driver (oracle/driver.py and
oracle/cpython_driver/, described in docs/oracle.md), the one implementation. This tool
adds what deriving the examples' expected traces (examples/README.md) needs: a comparison with a
hand-written `.trace.jsonl`. Compared: step, line, finalized, callbacks, collections, count (when the
driver vouches for it), `freed` (every type: the driver reads deaths from memory, report.py), and,
when the expected line has them, `pending` (3.12 on: a scheduled collection has not run yet),
`tracedLines` (tracemalloc's statistics for the program's lines), `sizes` (`sys.getsizeof` by id,
for the objects reachable from the roots) and `gens` (their generation by id: 0, 1, 2, "permanent",
or null when untracked). `traced` (current, peak), which the interpreter's own
allocations inflate in CPython, and `pagesWritten` after a fork, which no program can see, are
derived by hand.

`--trace` writes the expected trace as the interpreter shows it (what examples/README.md calls
observed): every field above, `sizes` with `--sizes`, `gens` with `--gens`. It refuses a program whose count the driver
cannot vouch for. Several collections in one statement are reported per generation by the driver
(their order is not observable): they are written in generation order, and an example whose
statement runs two says in its header which ran first.
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
        # Several collections in one statement are reported per generation (their order is not
        # observable): compared in generation order.
        merged = any('merged' in c for c in o['collections'])
        order = (lambda cs: sorted(cs, key=lambda c: c['generation'])) if merged else (lambda cs: cs)
        pairs = [
            ('step/line', [e['step'], e['line']], [o['step'], o['line']]),
            ('finalized', e['finalized'], o['finalized']),
            ('callbacks', e['callbacks'], o['callbacks']),
            ('collections', [{k: c[k] for k in keys} for c in order(e['collections'])],
             [{k: c[k] for k in keys} for c in order(o['collections'])]),
            ('freed', e['freed'], o['freed_all']) if 'freed_all' in o
            else ('freed instances', [i for i in e['freed'] if i in instances], o['freed']),
        ]
        if 'pending' in e or 'pending' in o:
            pairs.append(('pending', e.get('pending'), o.get('pending')))
        if o['count_exact']:
            pairs.append(('count', e['count'], o['count']))
        if 'tracedLines' in e:
            pairs.append(('tracedLines', e['tracedLines'], o.get('traced_lines')))
        if 'sizes' in e:
            seen = {str(x['id']): x['size'] for x in o['objects']}
            pairs.append(('sizes', {k: v for k, v in e['sizes'].items() if k in seen}, seen))
        if 'gens' in e:
            seen = {str(x['id']): x['gen'] for x in o['objects']}
            pairs.append(('gens', {k: v for k, v in e['gens'].items() if k in seen}, seen))
        for field, want, got in pairs:
            if want != got:
                problems.append('%s: %s expected %r, observed %r' % (where, field, want, got))
    return problems


def expected_trace(observed, sizes, gens):
    """The observation as trace lines (docs/trace.md), or raise if a count is not vouched for."""
    out = []
    for o in observed:
        if not o['count_exact']:
            raise SystemExit('step %d: the count is not vouched for (%s): no trace written' % (o['step'], o.get('count_note')))
        line = {'step': o['step'], 'line': o['line'], 'freed': o['freed_all'], 'finalized': o['finalized'],
                'callbacks': o['callbacks'],
                'collections': [{k: c[k] for k in ('generation', 'collected', 'uncollectable')}
                                for c in sorted(o['collections'], key=lambda c: c['generation'])],
                'count': o['count']}
        if 'pending' in o:
            line['pending'] = o['pending']
        if 'traced_lines' in o:
            line['tracedLines'] = o['traced_lines']
        if sizes:
            line['sizes'] = {str(x['id']): x['size'] for x in o['objects']}
        if gens:
            line['gens'] = {str(x['id']): x['gen'] for x in o['objects']}
        out.append(line)
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('program')
    ap.add_argument('--compare', metavar='EXPECTED.trace.jsonl',
                    help='check the observation against an expected trace; exit 1 on a mismatch')
    ap.add_argument('--raw', action='store_true',
                    help="keep CPython's own temporaries (argument tuples, ClearWeakRefs tuples, ctypes "
                         "calls) in count; only the driver's allocations are taken out")
    ap.add_argument('--trace', action='store_true', help='print the expected trace as observed (examples/README.md)')
    ap.add_argument('--sizes', action='store_true', help="with --trace: each line's sys.getsizeof by id")
    ap.add_argument('--gens', action='store_true', help="with --trace: each line's generation by id")
    args = ap.parse_args(argv)
    text, observed, end = observe(args.program, args.raw)
    if args.trace:
        for line in expected_trace(observed, args.sizes, args.gens):
            print(json.dumps(line))
    elif not args.compare:
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
