# Shows: tracemalloc's per-line statistics after short scenarios (each run with tracemalloc freshly
# started, every freelist drained first, a snapshot only at the end so that nothing disturbs the
# freelists in between; untraced spare lists and dicts are freed on top of the freelists before
# it, so that the snapshot's own allocations take those). Printed per scenario: line:bytes/blocks for the scenario's lines.
# Same mechanisms in 3.11, 3.12, 3.13:
#   * a list freed onto the freelist keeps its trace; the next list taken from it moves the trace
#     to its own line (_Py_NewReference -> _PyTraceMalloc_NewReference; 3.13: the ref tracer's
#     PyRefTracer_CREATE event, _PyTraceMalloc_TraceRef, same effect);
#   * realloc re-traces at the current line; a full collection empties the freelists (trace gone);
#   * a dict resize allocates the new keys table before freeing the old one (which goes to the keys
#     freelist, trace kept);
#   * a Lazarus resurrected during refcount deallocation has its trace moved to that line.
# Differences, from other rules: instance 64 -> 72 bytes (3.12+); pop() of the last item frees
# the array (3.12+); del x[i] never shrinks or frees the array (3.13).
# Sources: Modules/_tracemalloc.c (3.11) / Python/tracemalloc.c (3.12, 3.13): tracemalloc_alloc,
# tracemalloc_realloc, tracemalloc_free identical; Objects/object.c new_reference,
# PyObject_CallFinalizerFromDealloc (3.13: _Py_ResurrectReference).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, tracemalloc


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


class Lazarus(Obj):
    __slots__ = ()

    def __del__(self):
        revived.append(self)


revived = []
SCENARIOS = [
    ('realloc, then freed onto the freelist', ['a = [b]', 'a.append(b)', 'del a']),
    ('freelist reuse moves the trace', ['a = [b]', 'del a', 'c = []']),
    ('full collection frees freelisted list', ['a = [b]', 'del a', 'gc.collect()']),
    ('5-key dict, 6th key resizes', ["d = {'k': b, 'j': b, 'q': b, 'x': b, 'y': b}", "d['z'] = b"]),
    ('pop() of the only item', ['a = [b]', 'a.pop()']),
    ('del x[0] twice', ['a = [b, b]', 'del a[0]', 'del a[0]']),
    ('instance', ['o = Obj()']),
    ('refcount resurrection', ['z = Lazarus()', 'del z']),
]
gc.disable()
b = bytes(1)
print(sys.version.split()[0])
for label, lines in SCENARIOS:
    gc.collect()
    del revived[:]
    g = {'__builtins__': __builtins__, 'b': b, 'gc': gc, 'Obj': Obj, 'Lazarus': Lazarus, 'revived': revived,
         'a': None, 'c': None, 'd': None, 'o': None, 'z': None}  # no keys resize while tracing
    code = compile('\n'.join(lines) + '\n', 'scenario', 'exec')
    spares = [[] for _ in range(40)] + [{'s': b} for _ in range(40)]  # untraced, freed later
    drain = []          # after compile(), which frees lists of its own onto the list freelist
    for i in range(100):
        drain.append([])
        drain.append({})
        drain.append({'k': b})
    tracemalloc.start()
    exec(code, g)
    # Free 40 untraced lists and dicts (and keys tables) on top of the freelists: the snapshot
    # below takes those, not the scenario's freed objects, so their traces stay where they are.
    spares = None
    traces = tracemalloc._get_traces()  # raw: (domain, size, ((file, line), ...), nframe)
    tracemalloc.stop()
    sums = {}
    for _domain, size, frames, _n in traces:
        if frames[0][0] == 'scenario':
            e = sums.setdefault(frames[0][1], [0, 0])
            e[0] += size
            e[1] += 1
    per = {n: '%d/%d' % tuple(e) for n, e in sums.items()}
    print('  %-40s %s' % (label + ':', '  '.join('%d:%s' % (n, per.get(n, '-')) for n in range(1, len(lines) + 1))))
