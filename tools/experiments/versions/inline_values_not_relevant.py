# Shows: 3.13's inline instance values (attributes stored in the object's own block, kept there
# even after `__dict__` has been read) concern classes WITHOUT __slots__ only. pymem's Obj, Fin and
# Lazarus have __slots__ (the subclasses `__slots__ = ()`), so they have no __dict__ in any
# version and their size does not move when attributes are set. For contrast, a plain class:
# its instance's getsizeof and traced blocks before and after its __dict__ is read.
# Sources: Objects/typeobject.c (3.13: Py_TPFLAGS_INLINE_VALUES, _PyObject_InitInlineValues),
# Objects/dictobject.c (3.13: _PyObject_MaterializeManagedDict keeps the values inline).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, tracemalloc


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


class Fin(Obj):
    __slots__ = ()

    def __del__(self):
        pass


class Plain:
    pass


def traced(fn):
    tracemalloc.start()
    x = fn()
    snap = tracemalloc.take_snapshot()
    tracemalloc.stop()
    return x, sorted(t.size for t in snap.traces if t.traceback[0].filename == __file__)


gc.disable()
o = Fin()
r = [hasattr(o, '__dict__'), sys.getsizeof(o)]
o.a = o.b = o.c = 1
r.append(sys.getsizeof(o))
p, blocks = traced(lambda: Plain())
p.a = p.b = p.c = 1
before = sys.getsizeof(p)
d = p.__dict__
after = sys.getsizeof(p)
print(sys.version.split()[0], 'Fin: has __dict__ %s, getsizeof %d -> %d with 3 slots set' % tuple(r),
      '| Plain(): blocks at creation %s, getsizeof %d, after reading __dict__ %d, dict getsizeof %d'
      % (blocks, before, after, sys.getsizeof(d)))
