# Shows: sys.getsizeof of each object kind pymem models and the blocks the allocator is asked for
# (tracemalloc traces, freelists drained first so that every object is a fresh block).
# The one difference: a slotted instance (Obj: __slots__ a, b, c, __weakref__).
#   3.11: basicsize 48 (refcnt, type, a, b, c, weakref list) + 16 GC head = one 64-byte block.
#   3.12, 3.13: `__weakref__` in __slots__ gives Py_TPFLAGS_MANAGED_WEAKREF: the weakref list
#   pointer moves into a pre-header before the GC head (with the managed-dict pointer beside it),
#   basicsize 40, pre-header 32: one 72-byte block (pymalloc size class 80), getsizeof 72, and
#   the object starts 32 bytes into its block (id(obj) - block = 32, not 16).
# Sources: Objects/typeobject.c type_new_descriptors (3.12: `if (ctx->add_weak) ...
# Py_TPFLAGS_MANAGED_WEAKREF`), Include/internal/pycore_object.h _PyType_PreHeaderSize,
# Python/sysmodule.c _PySys_GetSizeOf (adds the pre-header).
# (x11/x12 also show the call's argument tuple, 48 or 56 bytes: a temporary, freed onto the tuple
# freelist with its trace.) Everything else (list 56 + 8/slot, dict 64 + keys table 120 for 1..5 str keys, 6..10 keys
# literal table 208, tuple 40 + 8n, bytes 33 + n, weakref 80) is the same in all three.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, weakref, tracemalloc


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


class Fin(Obj):
    __slots__ = ()

    def __del__(self):
        pass


def on_clear(wr):
    pass


gc.disable()
b = bytes(1)
o = Obj()
x1 = x2 = x3 = x4 = x5 = x6 = x7 = x8 = x9 = x10 = x11 = x12 = None  # no globals resize later
drain = []
for n in range(1, 7):
    for i in range(2100):
        drain.append(tuple(range(i, i + n)))   # no temporary tuple is freed
for i in range(100):
    drain.append({})
    drain.append({'k': b})
    drain.append([])
tracemalloc.start()
x1 = []
x2 = [b, b, b]
x3 = {}
x4 = {'a': b}
x5 = {'a': b, 'b': b, 'c': b, 'd': b, 'e': b, 'f': b}
x6 = (b,)
x7 = (b, b, b)
x8 = Obj()
x9 = Fin()
x10 = bytes(5)
x11 = weakref.ref(x8)
x12 = weakref.ref(x8, on_clear)
snap = tracemalloc.take_snapshot()
tracemalloc.stop()
lines = open(__file__).read().splitlines()
by_line = {}
for tr in snap.traces:
    f = tr.traceback[0]
    if f.filename == __file__:
        by_line.setdefault(f.lineno, []).append(tr.size)
import ctypes
w = weakref.ref(o)
where = [off for off in (-32, -24, 40) if ctypes.c_void_p.from_address(id(o) + off).value == id(w)]
print(sys.version.split()[0], ' Obj: basicsize %d, MANAGED_WEAKREF flag %d, weakref list pointer at id%+d' % (
    Obj.__basicsize__, bool(Obj.__flags__ & 8), where[0]))
for ln in sorted(by_line):
    text = lines[ln - 1].strip()
    name = text.split(' =')[0]
    print('  %-50s getsizeof %-4d blocks %s' % (text, sys.getsizeof(globals()[name]), sorted(by_line[ln])))
