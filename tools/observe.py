#!/usr/bin/env python3
"""Observe a pymem program in real CPython 3.11 (the seed of the CPython oracle).

    python3 tools/observe.py PROGRAM.py                       # one JSON line per statement
    python3 tools/observe.py PROGRAM.py --compare EXPECTED.trace.jsonl
    python3 tools/observe.py PROGRAM.py --raw                 # keep CPython's own temporaries in count
    python3 tools/observe.py PROGRAM.py --gc-callbacks        # collections from gc.callbacks

The program (SPEC section 2) runs after a prelude equivalent to pymem's: `Obj`, `Fin`, `Lazarus`,
`revived`, `on_clear`, `malloc/realloc/free`, `fork` (`__del__` and `on_clear` log the id of their
object through the observer).  The whole program is compiled as ONE module with a call to an
observer hook between consecutive statements and executed once, in one globals dict, so that the
interpreter allocates nothing per statement (an `exec` per statement would allocate a function
object, which counts and can trigger a collection).

What is observed, per statement (JSON fields):

* `new`: ids given to the objects the statement allocated (1-based creation order).  A
  `weakref.ref(x)` without callback that returned the existing callback-less weakref (identity
  checked) allocates nothing.
* `freed_instances`: Obj/Fin/Lazarus ids whose memory was released.  Seen through an observer
  weakref *with* a callback (so `weakref.ref(x)` deduplication is not disturbed), corrected for
  resurrection: the collector clears weakrefs before `__del__` and DEBUG_SAVEALL keeps garbage, so
  an instance whose observer weakref was cleared but which is still reachable from the roots
  (names, `revived`, `gc.garbage`) is alive (`alive_after_clear`) and is watched again.  Deaths of
  lists, dicts, tuples, bytes and weakref objects are NOT observable (they take no weakrefs):
  derive them by reasoning.
* `finalized`: ids whose `__del__` ran; `callbacks`: ids of weakrefs whose `on_clear` ran; both
  ascending, and `finalized_order` / `callbacks_order` give CPython's order when there are several.
* `collections`: every collection during the statement, read from the collector's own statistics
  (`generation_stats`), which costs the program nothing.  A statement of this language runs at most
  one collection; if more are seen they are reported per generation with `"merged": N`.  With
  `--gc-callbacks` they come from `gc.callbacks` "stop" instead (exact order), but CPython then
  allocates an info dict and an argument tuple per phase, which disturbs `count`, the freelists and
  so the timing of automatic collections.
* `count`: `gc.get_count()` after the statement, read from the interpreter state.

Keeping the observer out of the program's way (exact mode; used when the interpreter layout is
recognised, otherwise a notice on stderr and `count` is the interpreter's own, noisy one):

* The hook's own work allocates GC objects.  At the start of each hook it turns automatic
  collection off and reads the counts and the list/dict/tuple(1..19) freelist occupancy through
  ctypes, allocating nothing; at the end it restores that occupancy (taking objects off a freelist
  into a private reserve, or freeing reserve objects onto it), writes the counts back and restores
  the enabled flag.  Offsets are found at run time: `gc.garbage`/`gc.callbacks` locate the collector
  state inside the interpreter state and are checked against `gc.get_threshold()`,
  `gc.set_threshold()`, `gc.get_stats()` and `gc.disable()/enable()`; the freelists are located by
  freeing known lists, tuples and dicts.
* Observer weakrefs share one callback object (a fresh bound method per weakref would be freed
  inside the statement, a GC free).
* Start state = the abstract machine's: `gc.collect()`, thresholds (700, 10, 10), counts (0, 0, 0),
  `long_lived_total = long_lived_pending = 0`, empty freelists.  Automatic collection starts
  disabled unless the program calls `gc.enable()` or `gc.set_threshold(...)` (then enabled, as in a
  fresh interpreter); with counts starting at 0 and threshold 700 this is the same for the
  programs pymem runs.

CPython's own temporaries that pymem's abstract machine does not model ("interpreter temporaries")
are neutralised too unless `--raw` is given: the hook puts one spare tuple of the right length on
the freelist before the statement and removes it after, so the temporary is taken from and given
back to the freelist and changes no count.  Found by observation: the argument tuple of
`weakref.ref(x)` (length 1), `weakref.ref(x, on_clear)` (2), `bytes(N)` (1), `gc.set_threshold(...)`
(one per argument); the tuple `PyObject_ClearWeakRefs` builds (2 per weakref) when an object with
2 or more weakrefs dies by refcount (the observer's own weakref counts here).  `malloc`, `realloc`,
`free`, `tracemalloc.*` and `fork()` are run with automatic collection off, and counts and freelists
are put back afterwards (ctypes allocates; pymem counts nothing for raw blocks).  With `--raw`, only
the observer's own allocations are removed: counts then include those temporaries, and automatic
collections can fire one allocation earlier than pymem says.

Still disturbing, and not hidden: observer weakrefs are GC objects in the generations (reachable,
so never in `collected`, but they add to `long_lived_pending/total`, i.e. to the automatic
generation-2 heuristic, which this tool does not reproduce); a tuple literal whose length equals a
ClearWeakRefs tuple length (4, 6, ..., 18) gets no spare for that length.
"""
import argparse
import ctypes
import gc
import json
import re
import sys

NAME = r'[a-z_][a-z0-9_]*'
RE_ALLOC = [
    ('list', re.compile(r'^(%s)\s*=\s*\[.*\]$' % NAME)),
    ('dict', re.compile(r'^(%s)\s*=\s*\{.*\}$' % NAME)),
    ('tuple', re.compile(r'^(%s)\s*=\s*\(.*\)$' % NAME)),
    ('instance', re.compile(r'^(%s)\s*=\s*(?:Obj|Fin|Lazarus)\(\)$' % NAME)),
    ('bytes', re.compile(r'^(%s)\s*=\s*bytes\(\s*\d+\s*\)$' % NAME)),
    ('weakref', re.compile(r'^(%s)\s*=\s*weakref\.ref\(\s*(%s)\s*(,\s*on_clear\s*)?\)$' % (NAME, NAME))),
]
RE_AUTO_GC = re.compile(r'^gc\.(enable|set_threshold)\(')

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


_pymem_api = ctypes.pythonapi
_pymem_api.PyObject_Malloc.restype = ctypes.c_void_p
_pymem_api.PyObject_Malloc.argtypes = [ctypes.c_size_t]
_pymem_api.PyObject_Realloc.restype = ctypes.c_void_p
_pymem_api.PyObject_Realloc.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
_pymem_api.PyObject_Free.restype = None
_pymem_api.PyObject_Free.argtypes = [ctypes.c_void_p]


def malloc(n):
    return _pymem_api.PyObject_Malloc(n)


def realloc(p, n):
    return _pymem_api.PyObject_Realloc(p, n)


def free(p):
    _pymem_api.PyObject_Free(p)


def fork():
    pid = os.fork()
    if pid:
        os.waitpid(pid, 0)
        os._exit(0)
'''


class Layout:
    """ctypes views on the collector and freelist state of the running interpreter (3.11)."""

    def __init__(self):
        self.ok = False
        self.why = ''
        try:
            self._locate()
            self.ok = True
        except Exception as e:  # the observer then runs in noisy mode
            self.why = '%s: %s' % (type(e).__name__, e)

    def _locate(self):
        if sys.version_info[:2] != (3, 11):
            raise RuntimeError('interpreter layout known for 3.11 only')
        api = ctypes.pythonapi
        api.PyInterpreterState_Get.restype = ctypes.c_void_p
        interp = api.PyInterpreterState_Get()
        span = 16384  # the collector and freelist states sit in the first 6 KiB of PyInterpreterState (3.11)
        mem = ctypes.string_at(interp, span)
        # struct _gc_runtime_state: ... int collecting; PyObject *garbage; PyObject *callbacks; ...
        pat = id(gc.garbage).to_bytes(8, 'little') + id(gc.callbacks).to_bytes(8, 'little')
        at = mem.find(pat)
        if at < 0 or mem.find(pat, at + 1) >= 0:
            raise RuntimeError('gc.garbage/gc.callbacks not found exactly once in the interpreter state')
        base = interp + at - 208
        I, S = ctypes.c_int, ctypes.c_ssize_t
        self.enabled = I.from_address(base + 12)
        self.thresholds = [I.from_address(base + 40 + 24 * g) for g in range(3)]
        self.counts = [I.from_address(base + 44 + 24 * g) for g in range(3)]
        self.stats = [[S.from_address(base + 128 + 24 * g + 8 * k) for k in range(3)] for g in range(3)]
        self.long_lived_total = S.from_address(base + 224)
        self.long_lived_pending = S.from_address(base + 232)
        if [t.value for t in self.thresholds] != list(gc.get_threshold()):
            raise RuntimeError('thresholds do not match gc.get_threshold()')
        old = gc.get_threshold()
        gc.set_threshold(701, 11, 12)
        seen = [t.value for t in self.thresholds]
        gc.set_threshold(*old)
        if seen != [701, 11, 12]:
            raise RuntimeError('thresholds do not follow gc.set_threshold()')
        st = gc.get_stats()
        if [[v.value for v in row] for row in self.stats] != [
                [d['collections'], d['collected'], d['uncollectable']] for d in st]:
            raise RuntimeError('generation_stats do not match gc.get_stats()')
        was = gc.isenabled()
        gc.disable()
        e0 = self.enabled.value
        gc.enable()
        e1 = self.enabled.value
        if not was:
            gc.disable()
        if (e0, e1) != (0, 1):
            raise RuntimeError('enabled flag not found')
        # Freelists: free three fresh lists in a known order and find them in the list freelist.
        gc.collect()
        l1, l2, l3 = [], [], []
        a1, a2, a3 = id(l1), id(l2), id(l3)
        del l1
        del l2
        del l3
        mem = ctypes.string_at(interp, span)
        pat = a1.to_bytes(8, 'little') + a2.to_bytes(8, 'little') + a3.to_bytes(8, 'little')
        at = mem.find(pat)
        if at < 0:
            raise RuntimeError('list freelist not found')
        lst = interp + at
        self.list_numfree = I.from_address(lst + 80 * 8)
        if self.list_numfree.value != 3:
            raise RuntimeError('list freelist count not found (%d)' % self.list_numfree.value)
        # struct _Py_tuple_state { PyTupleObject *free_list[20]; int numfree[20]; } right before the lists,
        # struct _Py_dict_state { PyDictObject *free_list[80]; int numfree; ... } right after them.
        tup = lst - 240
        self.tuple_numfree = [None] + [I.from_address(tup + 160 + 4 * (n - 1)) for n in range(1, 21)]
        dct = lst + 648
        self.dict_numfree = I.from_address(dct + 80 * 8)
        gc.collect()
        t = tuple(range(17))
        at17 = id(t)
        del t
        if ctypes.c_void_p.from_address(tup + 8 * 16).value != at17 or self.tuple_numfree[17].value != 1:
            raise RuntimeError('tuple freelist not found')
        d1, d2 = {}, {}
        b1, b2 = id(d1), id(d2)
        del d1
        del d2
        if (ctypes.c_void_p.from_address(dct).value, ctypes.c_void_p.from_address(dct + 8).value,
                self.dict_numfree.value) != (b1, b2, 2):
            raise RuntimeError('dict freelist not found')


def parse_program(text):
    """(line number, statement text) for each statement: blank and comment lines are not statements."""
    out = []
    for i, raw in enumerate(text.splitlines(), 1):
        s = raw.strip()
        if s and not s.startswith('#'):
            out.append((i, s))
    return out


def classify(stmt):
    for kind, rx in RE_ALLOC:
        m = rx.match(stmt)
        if m:
            return kind, m
    return None, None


RE_TUPLE_LIT = re.compile(r'^%s\s*=\s*\((.*)\)$' % NAME)
RE_SET_THRESHOLD = re.compile(r'^gc\.set_threshold\((.*)\)$')
RE_OPAQUE = re.compile(r'^(?:%s\s*=\s*(?:malloc|realloc)\(|free\(|tracemalloc\.(?:start|stop)\(|fork\()' % NAME)
CLEAR_TUPLE_LENGTHS = (4, 6, 8, 10, 12, 14, 16, 18)


def temporaries(stmt):
    """Argument / helper tuples CPython 3.11 builds for this statement that pymem does not model.

    Returns {length: kind}: 'arg' for the argument tuple of a call through tp_call (always freed back
    onto its freelist at the end of the call), 'clear' for the tuple PyObject_ClearWeakRefs builds
    (2 entries per weakref) when an object with 2 or more weakrefs dies by refcount.
    """
    out = {}
    kind, m = classify(stmt)
    if kind == 'weakref':
        out[2 if m.group(3) else 1] = 'arg'
    elif kind == 'bytes':
        out[1] = 'arg'
    else:
        t = RE_SET_THRESHOLD.match(stmt)
        if t:
            out[len([a for a in t.group(1).split(',') if a.strip()])] = 'arg'
    lit = RE_TUPLE_LIT.match(stmt)
    allocated = len([a for a in lit.group(1).split(',') if a.strip()]) if lit else 0
    for n in CLEAR_TUPLE_LENGTHS:
        if n != allocated and n not in out:
            out[n] = 'clear'
    return out


class Observer:
    def __init__(self, statements, use_callbacks=False, raw=False):
        self.statements = statements
        self.use_callbacks = use_callbacks
        self.raw = raw
        self.layout = Layout()
        self.exact = self.layout.ok
        self.auto_gc = any(RE_AUTO_GC.match(s) for _, s in statements)
        self.next_id = 1
        self.ids = {}            # address -> id, for live instances and weakrefs (for the logs)
        self.inst_type = {}      # id -> class name, for instances
        self.inst_addr = {}      # id -> address of a live instance
        self.obs_refs = {}       # id -> observer weakref (with callback) to a live instance
        self.obs_wr_to_id = {}   # id(observer weakref) -> instance id
        self.cleared = []        # observer weakrefs cleared during the current statement
        self.fin_log = []
        self.cb_log = []
        self.gc_cb_log = []
        self.lines = []
        self.notes = []
        self.prev_stats = None
        self.basic_ref_before = None
        self.pending = None      # what the hook set up for the statement about to run
        self.reserve = {'list': [], 'dict': [], 'tuple': [None] + [[] for _ in range(20)]}
        self.observer_callback = self.observer_cleared
        self.count_buf = [0, 0, 0]
        self.free_buf = [0] * 21
        self.target_buf = [0] * 21

    # -- called from the prelude, inside the program's statements --------------------------------
    def log_finalized(self, obj):
        self.fin_log.append(self.ids.get(id(obj), -1))

    def log_callback(self, wr):
        self.cb_log.append(self.ids.get(id(wr), -1))

    def observer_cleared(self, wr):
        self.cleared.append(wr)

    def gc_callback(self, phase, info):
        if phase == 'stop':
            self.gc_cb_log.append({'generation': info['generation'], 'collected': info['collected'],
                                   'uncollectable': info['uncollectable']})

    # -- freelists ------------------------------------------------------------------------------
    def restore_freelists(self, target):
        """Bring the list, dict and tuple(1..19) freelists to `target` occupancy ([list, dict, t1..t19])."""
        L = self.layout
        res = self.reserve
        none = None
        for _ in range(10000):
            changed = False
            if L.list_numfree.value > target[0]:
                res['list'].append([])
                changed = True
            elif L.list_numfree.value < target[0]:
                res['list'].pop()
                changed = True
            if L.dict_numfree.value > target[1]:
                res['dict'].append({})
                changed = True
            elif L.dict_numfree.value < target[1]:
                res['dict'].pop()
                changed = True
            n = 1
            while n < 20:
                have = L.tuple_numfree[n].value
                want = target[n + 1]
                if have > want:
                    res['tuple'][n].append((none,) if n == 1 else (none,) * n)
                    changed = True
                elif have < want:
                    res['tuple'][n].pop()
                    changed = True
                n += 1
            if not changed:
                return True
            for key in ('list', 'dict'):
                if len(res[key]) < 20:
                    self.notes.append('reserve of %s ran low' % key)
        return False

    def fill_reserve(self):
        none = None
        for _ in range(200):
            self.reserve['list'].append([])
            self.reserve['dict'].append({})
            for n in range(1, 20):
                self.reserve['tuple'][n].append((none,) if n == 1 else (none,) * n)

    # -- the hook between statements -------------------------------------------------------------
    def hook(self, k):
        # The first lines read the program's state and must not allocate a GC object or touch a
        # freelist (no comprehension: in 3.11 that allocates a function object and a list).
        enabled = gc.isenabled()
        gc.disable()
        counts = self.count_buf
        free = self.free_buf
        if self.exact:
            L = self.layout
            counts[0] = L.counts[0].value
            counts[1] = L.counts[1].value
            counts[2] = L.counts[2].value
            free[0] = L.list_numfree.value
            free[1] = L.dict_numfree.value
            n = 1
            while n < 20:
                free[n + 1] = L.tuple_numfree[n].value
                n += 1
            stats = [[v.value for v in row] for row in L.stats]
        else:
            c = gc.get_count()
            counts[0], counts[1], counts[2] = c
            del c
            stats = [[d['collections'], d['collected'], d['uncollectable']] for d in gc.get_stats()]
        if k == 0:
            enabled, stats = self.start()
        else:
            enabled = self.finish(k, enabled, stats)
        self.prev_stats = stats
        enabled_next = self.prepare(k + 1, enabled)
        self.cleared = []
        self.fin_log = []
        self.cb_log = []
        self.gc_cb_log = []
        if self.exact:
            # Every object this hook still holds in a local must outlive the hook: a list freed
            # when the frame exits would land on the freelist after it was restored.
            target = self.target_buf
            target[:] = free
            if self.pending and not self.raw:
                for n in self.pending['temps']:
                    target[n + 1] += 1
            if not self.restore_freelists(target):
                self.notes.append('before step %d: freelists could not be restored' % (k + 1))
            L = self.layout
            L.counts[0].value = counts[0]
            L.counts[1].value = counts[1]
            L.counts[2].value = counts[2]
        if enabled_next:
            gc.enable()

    def start(self):
        """The abstract machine's initial state: empty freelists, counts 0, default thresholds."""
        if self.use_callbacks:
            gc.callbacks.append(self.gc_callback)
        if self.exact:
            self.fill_reserve()
        gc.set_threshold(700, 10, 10)
        gc.collect()
        self.count_buf[0] = self.count_buf[1] = self.count_buf[2] = 0
        if self.exact:
            L = self.layout
            L.long_lived_total.value = 0
            L.long_lived_pending.value = 0
            for i in range(21):
                self.free_buf[i] = 0
            stats = [[v.value for v in row] for row in L.stats]
        else:
            stats = [[d['collections'], d['collected'], d['uncollectable']] for d in gc.get_stats()]
        return self.auto_gc, stats

    def finish(self, k, enabled, stats):
        """Statement k has run: undo the temporaries the hook arranged for, then report it."""
        p = self.pending
        collected_any = stats != self.prev_stats
        full = stats[2][0] != self.prev_stats[2][0]
        if self.exact and not self.raw and p:
            if p['opaque']:
                if collected_any:
                    self.notes.append('step %d: a collection ran inside an opaque statement' % k)
                else:
                    self.count_buf[:] = p['saved_counts']
                    self.free_buf[:] = p['saved_free']
                enabled = p['saved_enabled']
            for n, why in p['temps'].items():
                if why == 'arg' or not full:
                    self.free_buf[n + 1] = max(0, self.free_buf[n + 1] - 1)
        self.report(k, list(self.count_buf), stats)
        return enabled

    def prepare(self, k, enabled):
        """Before statement k: note what `weakref.ref(x)` would return, set up temporaries."""
        self.basic_ref_before = None
        self.pending = None
        if k > len(self.statements):
            return enabled
        stmt = self.statements[k - 1][1]
        kind, m = classify(stmt)
        if kind == 'weakref' and not m.group(3):
            referent = self.globals.get(m.group(2))
            try:
                refs = weakref_getweakrefs(referent)
            except TypeError:
                refs = []
            for r in refs:
                if type(r) is weakref_ref and r.__callback__ is None:
                    self.basic_ref_before = id(r)
            del refs, referent
        if self.raw or not self.exact:
            return enabled
        opaque = bool(RE_OPAQUE.match(stmt))
        self.pending = {
            'opaque': opaque,
            'temps': {} if opaque else temporaries(stmt),
            'saved_counts': list(self.count_buf),
            'saved_free': list(self.free_buf),
            'saved_enabled': enabled,
        }
        return False if opaque else enabled

    # -- what died ------------------------------------------------------------------------------
    def walk(self, want=None):
        """Walk the program objects reachable from the roots (names, revived, gc.garbage).

        Returns the set of their addresses, or with `want` the instance at that address (or None)."""
        g = self.globals
        stack = [g[n] for n in self.program_names if n in g]
        stack.append(g['revived'])
        stack.append(gc.garbage)
        seen = set()
        classes = self.classes
        while stack:
            o = stack.pop()
            i = id(o)
            if i in seen:
                continue
            seen.add(i)
            if want is not None and i == want and type(o) in classes:
                return o
            if isinstance(o, (list, tuple, dict)) or type(o) in classes:
                for r in gc.get_referents(o):
                    if isinstance(r, (list, tuple, dict, bytes)) or type(r) in classes:
                        stack.append(r)
        return None if want is not None else seen

    def arm(self, obj, oid):
        # One shared callback object: a fresh bound method per weakref would be freed (a GC free,
        # count[0] - 1) inside the program's statement when the weakref is cleared.
        wr = weakref_ref(obj, self.observer_callback)
        self.obs_refs[oid] = wr
        self.obs_wr_to_id[id(wr)] = oid

    def report(self, k, counts, stats):
        line, stmt = self.statements[k - 1]
        kind, m = classify(stmt)
        new_obj = None
        new_ids = []
        if kind is not None:
            new_obj = self.globals[m.group(1)]
            if kind == 'weakref' and not m.group(3) and id(new_obj) == self.basic_ref_before:
                new_obj = None   # the existing callback-less weakref was returned: nothing allocated
            else:
                new_ids.append(self.next_id)
                self.next_id += 1
        # Instances whose observer weakref was cleared died, unless still reachable from the roots
        # (the collector clears weakrefs before __del__ resurrects; DEBUG_SAVEALL keeps garbage).
        freed = []
        alive_after_clear = []
        if self.cleared:
            alive = self.walk()
            if new_obj is not None:
                alive.discard(id(new_obj))
            for wr in self.cleared:
                oid = self.obs_wr_to_id.pop(id(wr), None)
                if oid is None:
                    continue
                self.obs_refs.pop(oid, None)
                addr = self.inst_addr.get(oid)
                if addr is not None and addr in alive:
                    alive_after_clear.append(oid)
                else:
                    freed.append(oid)
                    self.inst_addr.pop(oid, None)
            for oid in alive_after_clear:   # watch the survivor again
                obj = self.walk(self.inst_addr[oid])
                if obj is not None:
                    self.arm(obj, oid)
                del obj
        if new_obj is not None:
            oid = new_ids[0]
            self.ids[id(new_obj)] = oid
            if type(new_obj) in self.classes:
                self.inst_type[oid] = type(new_obj).__name__
                self.inst_addr[oid] = id(new_obj)
                self.arm(new_obj, oid)
        new_obj = None
        if self.use_callbacks:
            collections = list(self.gc_cb_log)
        else:
            collections = []
            diffs = []
            for g in range(3):
                dc = stats[g][0] - self.prev_stats[g][0]
                if dc:
                    diffs.append((g, dc, stats[g][1] - self.prev_stats[g][1], stats[g][2] - self.prev_stats[g][2]))
            total = sum(d[1] for d in diffs)
            for g, dc, col, unc in diffs:
                rec = {'generation': g, 'collected': col, 'uncollectable': unc}
                if total > 1:
                    rec['merged'] = dc
                collections.append(rec)
        out = {
            'step': k, 'line': line, 'stmt': stmt, 'new': new_ids,
            'freed_instances': sorted(freed),
            'finalized': sorted(self.fin_log),
            'callbacks': sorted(self.cb_log),
            'collections': collections,
            'count': counts,
        }
        # The order CPython ran them in (the trace itself lists ids ascending).
        if len(self.fin_log) > 1:
            out['finalized_order'] = list(self.fin_log)
        if len(self.cb_log) > 1:
            out['callbacks_order'] = list(self.cb_log)
        if alive_after_clear:
            out['alive_after_clear'] = sorted(alive_after_clear)
        self.lines.append(out)

    # -- driver ---------------------------------------------------------------------------------
    def run(self, path):
        g = {'__name__': '__pymem__', '__builtins__': __builtins__}
        exec(compile(PRELUDE, '<prelude>', 'exec'), g)
        g['_pymem_log_finalized'] = self.log_finalized
        g['_pymem_log_callback'] = self.log_callback
        g['_pymem_hook'] = self.hook
        self.globals = g
        self.classes = (g['Obj'], g['Fin'], g['Lazarus'])
        self.program_names = set()
        for _, s in self.statements:
            for n in re.findall(NAME, s):
                if n not in g:
                    self.program_names.add(n)
        src = ['_pymem_hook(0)']
        for k, (_, s) in enumerate(self.statements, 1):
            src.append(s)
            src.append('_pymem_hook(%d)' % k)
        code = compile('\n'.join(src) + '\n', path, 'exec')
        error = None
        try:
            exec(code, g)
        except BaseException as e:  # report, do not hide
            error = '%s: %s' % (type(e).__name__, e)
        gc.disable()
        return error


import weakref as _weakref_module
weakref_ref = _weakref_module.ref
weakref_getweakrefs = _weakref_module.getweakrefs


def compare(observed, expected_path, instance_ids):
    """Check what the observer can see against an expected .trace.jsonl; return problem strings.

    Compared: step, line, finalized, callbacks, collections, count, and `freed` restricted to the
    instance ids (the only deaths the observer sees)."""
    with open(expected_path) as f:
        expected = [json.loads(l) for l in f if l.strip()]
    problems = []
    if len(expected) != len(observed):
        problems.append('expected %d lines, observed %d' % (len(expected), len(observed)))
    for e, o in zip(expected, observed):
        s = 'step %d (line %d: %s)' % (o['step'], o['line'], o['stmt'])
        if (e['step'], e['line']) != (o['step'], o['line']):
            problems.append('%s: step/line expected %r' % (s, (e['step'], e['line'])))
        for k in ('finalized', 'callbacks', 'count'):
            if e[k] != o[k]:
                problems.append('%s: %s expected %r, observed %r' % (s, k, e[k], o[k]))
        keys = ('generation', 'collected', 'uncollectable')
        ecoll = [{k2: c[k2] for k2 in keys} for c in e['collections']]
        ocoll = [{k2: c[k2] for k2 in keys} for c in o['collections']]
        if ecoll != ocoll:
            problems.append('%s: collections expected %r, observed %r' % (s, ecoll, ocoll))
        efreed = [i for i in e['freed'] if i in instance_ids]
        if efreed != o['freed_instances']:
            problems.append('%s: freed instances expected %r, observed %r' % (s, efreed, o['freed_instances']))
    return problems


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('program')
    ap.add_argument('--compare', metavar='EXPECTED.trace.jsonl',
                    help='check the observation against an expected trace; exit 1 on a mismatch')
    ap.add_argument('--gc-callbacks', action='store_true',
                    help='report collections from gc.callbacks (their allocations disturb count)')
    ap.add_argument('--raw', action='store_true',
                    help="keep CPython's own temporaries (argument tuples, ClearWeakRefs tuple, ctypes "
                         "calls) in count; only the observer's allocations are removed")
    args = ap.parse_args(argv)
    with open(args.program) as f:
        statements = parse_program(f.read())
    obs = Observer(statements, use_callbacks=args.gc_callbacks, raw=args.raw)
    error = obs.run(args.program)
    if not obs.exact:
        print("# observer: inexact mode (%s); count is the interpreter's own, noisy" % obs.layout.why,
              file=sys.stderr)
    for line in obs.lines:
        print(json.dumps(line))
    for n in obs.notes:
        print('# note: ' + n, file=sys.stderr)
    if error:
        print('# program raised: ' + error, file=sys.stderr)
        return 1
    if args.compare:
        problems = compare(obs.lines, args.compare, set(obs.inst_type))
        for p in problems:
            print('# MISMATCH ' + p, file=sys.stderr)
        print('# compare %s: %s' % (args.compare, 'OK' if not problems else '%d mismatch(es)' % len(problems)),
              file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
