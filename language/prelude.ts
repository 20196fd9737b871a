/*
 * The Python prelude (docs/language.md#the-prelude): prefixed to a program, it makes the program a
 * runnable Python 3.11 script, so a counterexample can be run in real CPython.
 *
 * What the model must agree with is in the details: the subclasses declare `__slots__ = ()` or their
 * instances would get a managed `__dict__` (a different size and different tracking); `__del__` and
 * `on_clear` record only `id()`s, because keeping `self` or the weakref would itself keep objects
 * alive; `ctypes.pythonapi` (a PyDLL) holds the GIL during the call, which PyObject_Malloc needs; and
 * `fork()` leaves the program running in the child while the parent waits and passes on the child's
 * exit status without running its own interpreter shutdown (`os._exit`).
 */

export const PRELUDE = `import gc, weakref, ctypes, os, tracemalloc

_pymem_finalized = []  # id() of every object whose __del__ ran
_pymem_callbacks = []  # id() of every weakref whose callback ran
revived = []  # the objects Lazarus.__del__ resurrected


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


class Fin(Obj):
    __slots__ = ()

    def __del__(self):
        _pymem_finalized.append(id(self))


class Lazarus(Obj):
    __slots__ = ()

    def __del__(self):
        revived.append(self)


def on_clear(wr):
    _pymem_callbacks.append(id(wr))


malloc = ctypes.pythonapi.PyObject_Malloc
malloc.restype, malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
realloc = ctypes.pythonapi.PyObject_Realloc
realloc.restype, realloc.argtypes = ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t]
free = ctypes.pythonapi.PyObject_Free
free.restype, free.argtypes = None, [ctypes.c_void_p]


def fork():
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
`;
