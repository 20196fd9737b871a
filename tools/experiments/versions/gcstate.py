"""Helper for the experiments in this directory (not an experiment): raw, allocation-free views on
the collector state of the running interpreter, CPython 3.11, 3.12 or 3.13 (x86-64, default
build). `struct _gc_runtime_state` has the same layout in the three versions
(Include/internal/pycore_gc.h): it is found, as the oracle driver does for 3.11, by the
(gc.garbage, gc.callbacks) pointer pair at offset 208, then checked against the public API.

Also, for 3.12 and 3.13, the "collection pending" flag:
  3.12: interp->ceval.gc_scheduled (`struct _ceval_state` follows `gc`, `sysdict`, `builtins` in
        `struct _is`: eval_breaker at gc + 256, gc_scheduled at gc + 284);
  3.13: bit _PY_GC_SCHEDULED_BIT (1 << 4) of tstate->eval_breaker (offset 24 of `struct _ts`).
Reading `.value` of a ctypes object is LOAD_ATTR on a C getter: no call, no eval-breaker check,
so it does not run a pending collection.
"""
import ctypes
import gc
import sys

V = sys.version_info[:2]


class GCState:
    def __init__(self):
        api = ctypes.pythonapi
        api.PyInterpreterState_Get.restype = ctypes.c_void_p
        api.PyThreadState_Get.restype = ctypes.c_void_p
        interp = api.PyInterpreterState_Get()
        span = 1 << 16
        mem = ctypes.string_at(interp, span)
        pair = id(gc.garbage).to_bytes(8, 'little') + id(gc.callbacks).to_bytes(8, 'little')
        at = mem.find(pair)
        assert at >= 0 and mem.find(pair, at + 1) < 0, 'gc.garbage/gc.callbacks pair not found once'
        self.interp = interp
        self.base = base = interp + at - 208
        I, S = ctypes.c_int, ctypes.c_ssize_t
        self.enabled = I.from_address(base + 12)
        self.thresholds = [I.from_address(base + 40 + 24 * g) for g in range(3)]
        self.counts = [I.from_address(base + 44 + 24 * g) for g in range(3)]
        self.stats = [[S.from_address(base + 128 + 24 * g + 8 * k) for k in range(3)] for g in range(3)]
        self.collecting = I.from_address(base + 200)
        self.long_lived_total = S.from_address(base + 224)
        self.long_lived_pending = S.from_address(base + 232)
        assert [t.value for t in self.thresholds] == list(gc.get_threshold())
        assert [[v.value for v in row] for row in self.stats] == [
            [d['collections'], d['collected'], d['uncollectable']] for d in gc.get_stats()]
        self.gc_offset_in_interp = at - 208
        if V == (3, 12):
            self.breaker = I.from_address(base + 256)
            self.scheduled = I.from_address(base + 284)
        elif V >= (3, 13):
            self.breaker = ctypes.c_size_t.from_address(api.PyThreadState_Get() + 24)
            self.scheduled = None
        else:
            self.breaker = self.scheduled = None

    def pending(self):
        """Is an automatic collection scheduled and not yet run? (3.11: never.)"""
        if V == (3, 12):
            return self.scheduled.value != 0
        if V >= (3, 13):
            return (self.breaker.value & 16) != 0
        return False

    def collections(self):
        return [row[0].value for row in self.stats]
