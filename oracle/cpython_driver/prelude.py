"""The prelude the driver runs before a program: pymem's prelude (`pymem prelude`,
language/prelude.ts) with the same classes, slots, callback and raw-block functions, except
that `__del__` and `on_clear` report to the driver instead of appending to private lists.

The reporting functions are bound methods created once, before the program starts, and they only
append an int to a list the driver made in advance: a `__del__` or a callback running inside a
program statement allocates no GC object, as with pymem's own prelude. `Lazarus.__del__` reports
too (pymem's prelude has no need to), so that its finalization is seen.
"""

PRELUDE = '''\
import gc
import weakref
import ctypes
import os
import tracemalloc


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


class Fin(Obj):
    __slots__ = ()

    def __del__(self):
        _pymem_log_finalized(self)


class Lazarus(Obj):
    __slots__ = ()

    def __del__(self):
        _pymem_log_finalized(self)
        revived.append(self)


revived = []


def on_clear(wr):
    _pymem_log_callback(wr)


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
'''

# Names the prelude defines that are not program objects; the classes are the instance types.
CLASS_NAMES = ('Obj', 'Fin', 'Lazarus')
