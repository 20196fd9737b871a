"""Where CPython (3.11, 3.12, 3.13) keeps the collector's state and the object freelists, as ctypes
views, and, from 3.12, the flag of a scheduled collection.

The driver reads and writes this state between statements without creating a Python object per
access: `gc.get_count()` would allocate a tuple, which is exactly the kind of disturbance the driver
exists to avoid. Nothing here is a public API, so every offset is found at run time and checked
against the public one it mirrors (`gc.get_threshold()`, `gc.set_threshold()`, `gc.get_stats()`,
`gc.disable()/enable()`), and the freelists are located by freeing objects whose addresses are
known. If anything does not match, `Layout.ok` is False and the driver reports that counts cannot
be vouched for (the "inexact" mode) instead of guessing.

Offsets are those of release builds on x86-64 (`Include/internal/pycore_gc.h`, `pycore_interp.h`):
struct _gc_runtime_state (the same in the three versions) sits 208 bytes before the (garbage,
callbacks) pointer pair; the tuple and list freelist states are consecutive, and the dict ones
follow at the version's offsets (versions.py). The scheduled-collection flag is located from
versions.py and checked by scheduling a collection on purpose.
"""
import ctypes
import gc

from . import versions

def readable_span(address, most):
    """Bytes readable from `address` on (contiguous readable mappings), at most `most`."""
    maps = []
    with open('/proc/self/maps') as f:
        for line in f:
            lo, hi = (int(x, 16) for x in line.split()[0].split('-'))
            maps.append((lo, hi, line.split()[1]))
    maps.sort()
    end = address
    for lo, hi, perm in maps:
        if lo <= end < hi and 'r' in perm:
            end = hi
    return min(end - address, most)


class Memory:
    """Read and write words and C ints at any address. Indexing a ctypes pointer to a simple type
    returns a plain int and creates no ctypes object, so an access allocates no GC object. (The
    pointers start at address 8, not 0: ctypes refuses to index a NULL pointer.)"""

    BASE = 8

    def __init__(self):
        self.words = ctypes.cast(self.BASE, ctypes.POINTER(ctypes.c_size_t))
        self.ints = ctypes.cast(self.BASE, ctypes.POINTER(ctypes.c_int))

    def word(self, addr):
        return self.words[(addr - 8) >> 3]

    def set_word(self, addr, value):
        self.words[(addr - 8) >> 3] = value

    def int(self, addr):
        return self.ints[(addr - 8) >> 2]

    def set_int(self, addr, value):
        self.ints[(addr - 8) >> 2] = value


class PendingFlag:
    """The flag of a scheduled collection (3.12 on): read, cleared and set with ctypes loads and
    stores, which run no call and so no eval-breaker check. The driver's own calls would run a
    pending collection at their entry (every Python function's RESUME is a check); so the module's
    code saves and clears the flag right before each call into the driver (`take_source`), and the
    driver sets it again as its last action (`put_back`): the collection then runs where it would
    in a plain run, at the program's next check."""

    def __init__(self, flag, bit, breaker):
        self.view = flag        # c_int (3.12) or c_size_t (3.13)
        self.bit = bit
        self.breaker = breaker  # 3.12: the interpreter's eval_breaker, set with the flag

    def put_back(self, saved):
        if saved:
            if self.breaker is not None:
                self.breaker.value = 1
            self.view.value = self.view.value | self.bit

    def take_source(self, name):
        """Module source that saves the flag into global `name` and clears it, with no call."""
        return ['%s = _pymem_pf.value & %d' % (name, self.bit),
                '_pymem_pf.value = _pymem_pf.value & %d' % ~self.bit]


class Layout:
    """Addresses of the collector state and of the list, dict and tuple freelists."""

    def __init__(self):
        self.ok = False
        self.why = ''
        self.mem = Memory()
        self.pending = None
        try:
            self._locate()
            self.ok = True
        except Exception as e:  # the driver then runs inexact: counts are not vouched for
            self.why = '%s: %s' % (type(e).__name__, e)

    def _locate(self):
        if not versions.KNOWN:
            raise RuntimeError('the interpreter layout is known for CPython 3.11, 3.12 and 3.13 only')
        api = ctypes.pythonapi
        api.PyInterpreterState_Get.restype = ctypes.c_void_p
        interp = api.PyInterpreterState_Get()
        self.span = readable_span(interp, versions.LAYOUT['span'])
        mem = ctypes.string_at(interp, self.span)
        pair = id(gc.garbage).to_bytes(8, 'little') + id(gc.callbacks).to_bytes(8, 'little')
        at = mem.find(pair)
        if at < 0 or mem.find(pair, at + 1) >= 0:
            raise RuntimeError('gc.garbage/gc.callbacks not found exactly once in the interpreter state')
        self._locate_collector(interp + at - 208)
        self._locate_freelists(interp)
        if versions.SCHEDULED_COLLECTIONS:
            self._locate_pending(interp + at - 208)

    def _locate_collector(self, base):
        I, S = ctypes.c_int, ctypes.c_ssize_t
        self.enabled = I.from_address(base + 12)
        self.thresholds = [I.from_address(base + 40 + 24 * g) for g in range(3)]
        self.counts = [I.from_address(base + 44 + 24 * g) for g in range(3)]
        self.stats = [[S.from_address(base + 128 + 24 * g + 8 * k) for k in range(3)] for g in range(3)]
        self.long_lived_total = S.from_address(base + 224)
        self.long_lived_pending = S.from_address(base + 232)
        # List heads (PyGC_Head: _gc_next, _gc_prev): generations[g] at base + 24 + 24 g, then the
        # `generation0` pointer, then permanent_generation.
        self.generation_heads = [base + 24 + 24 * g for g in range(3)]
        self.permanent_head = base + 104
        if self.mem.word(base + 96) != self.generation_heads[0]:
            raise RuntimeError('generation 0 list head not found')
        gc.collect()
        if gc.get_freeze_count() == 0 and self.mem.word(self.permanent_head) != self.permanent_head:
            raise RuntimeError('the (empty) permanent generation list head not found')
        if [t.value for t in self.thresholds] != list(gc.get_threshold()):
            raise RuntimeError('thresholds do not match gc.get_threshold()')
        old = gc.get_threshold()
        gc.set_threshold(701, 11, 12)
        seen = [t.value for t in self.thresholds]
        gc.set_threshold(*old)
        if seen != [701, 11, 12]:
            raise RuntimeError('thresholds do not follow gc.set_threshold()')
        if [[v.value for v in row] for row in self.stats] != [
                [d['collections'], d['collected'], d['uncollectable']] for d in gc.get_stats()]:
            raise RuntimeError('generation_stats do not match gc.get_stats()')
        was = gc.isenabled()
        gc.disable()
        e0 = self.enabled.value
        gc.enable()
        e1 = self.enabled.value
        if not was:
            gc.disable()
        if (e0, e1) != (0, 1):
            raise RuntimeError('the enabled flag was not found')

    def _locate_freelists(self, interp):
        # Free three fresh lists in a known order and find their addresses in the list freelist.
        gc.collect()
        l1, l2, l3 = [], [], []
        a1, a2, a3 = id(l1), id(l2), id(l3)
        del l1
        del l2
        del l3
        mem = ctypes.string_at(interp, self.span)
        needle = a1.to_bytes(8, 'little') + a2.to_bytes(8, 'little') + a3.to_bytes(8, 'little')
        # struct _Py_list_state { PyListObject *free_list[80]; int numfree; }: the three addresses
        # side by side with 3 in numfree (a stale copy elsewhere has no such count)
        at = mem.find(needle)
        while at >= 0 and self.mem.int(interp + at + 80 * 8) != 3:
            at = mem.find(needle, at + 1)
        if at < 0:
            raise RuntimeError('list freelist not found')
        self.list_array = interp + at
        self.list_numfree = self.list_array + 80 * 8
        # struct _Py_tuple_state { PyTupleObject *free_list[20]; int numfree[20]; } right before it;
        # free_list[n - 1] heads a chain of n-tuples linked through ob_item[0].
        self.tuple_heads = self.list_array - 240
        self.tuple_numfree = self.tuple_heads + 160
        # The dict freelist's array and count follow it (versions.py).
        layout = versions.LAYOUT
        self.dict_array = self.list_array + layout['dict_array']
        self.dict_numfree = self.dict_array + layout['dict_numfree']
        gc.collect()
        t = tuple(range(17))
        at17 = id(t)
        del t
        if self.mem.word(self.tuple_heads + 8 * 16) != at17 or self.mem.int(self.tuple_numfree + 4 * 16) != 1:
            raise RuntimeError('tuple freelist not found')
        d1, d2 = {}, {}
        b1, b2 = id(d1), id(d2)
        del d1
        del d2
        found = (self.mem.word(self.dict_array), self.mem.word(self.dict_array + 8), self.mem.int(self.dict_numfree))
        if found != (b1, b2, 2):
            raise RuntimeError('dict freelist not found')
        # ... and the keys freelist's (PyDictKeysObject *keys_free_list[80]; int keys_numfree).
        self.keys_array = self.dict_array + layout['keys_array']
        self.keys_numfree = self.keys_array + layout['keys_numfree']
        d = {'pymem_probe': None}
        keys = self.mem.word(id(d) + 32)  # ma_keys, after refcount, type, ma_used, ma_version_tag
        n = self.mem.int(self.keys_numfree)
        del d
        if self.mem.int(self.keys_numfree) != n + 1 or self.mem.word(self.keys_array + 8 * n) != keys:
            raise RuntimeError('dict keys freelist not found')

    def _locate_pending(self, base):
        """The scheduled-collection flag, checked by scheduling a collection: with the collector
        enabled and threshold 1, the second new list schedules one (no call in between, so no
        check runs it), then the flag is cleared by hand."""
        kind, offset, extra = versions.LAYOUT['pending']
        if kind == 'gc_scheduled':
            flag = PendingFlag(ctypes.c_int.from_address(base + offset), 1, ctypes.c_int.from_address(base + extra))
        else:
            api = ctypes.pythonapi
            api.PyThreadState_Get.restype = ctypes.c_void_p
            flag = PendingFlag(ctypes.c_size_t.from_address(api.PyThreadState_Get() + offset), extra, None)
        was = gc.isenabled()
        old = gc.get_threshold()
        gc.collect()
        gc.enable()
        gc.set_threshold(1)
        # Attribute loads and stores only: a call would run the collection at its end.
        view, bit = flag.view, flag.bit
        before = view.value & bit
        a = []
        b = []
        c = []
        after = view.value & bit
        view.value = view.value & ~bit
        cleared = view.value & bit
        del a, b, c
        gc.set_threshold(*old)
        if not was:
            gc.disable()
        if before or not after or cleared:
            raise RuntimeError('the scheduled-collection flag was not found (%s, %s, %s)' % (before, after, cleared))
        self.pending = flag
