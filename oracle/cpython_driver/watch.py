"""Seeing instances die without keeping them alive or moving them: one weak reference per instance.

`Obj`, `Fin` and `Lazarus` instances take weak references, so the driver holds one per live
instance (a *watch*). Lists, dicts, tuples, bytes and weakrefs do not take weak references, so
their deaths are not observed (the comparison says so).

A watch must disturb nothing the program can see:
  * it is a `weakref.ref` *subclass* without a callback: `weakref.ref(x)` in the program reuses only
    an exact, callback-less `weakref.ref` at the head of x's weakref list, so a watch never takes
    its place, and a watch never calls back into the program's statement;
  * it is untracked right after creation (`PyObject_GC_UnTrack`), so it sits in no generation: it
    adds nothing to `long_lived_pending/total`, never shows in `gc.get_objects()`, and the
    collector never sees it (a weakref without callback is only ever cleared, never moved);
  * it is one more weakref in the referent's list, which `PyObject_ClearWeakRefs` counts when it
    sizes its tuple, except for up to two callback-less weakrefs at the head of the list. A
    subclass weakref without callback is inserted right after the basic `weakref.ref(x)` (or at the
    head when there is none), so the observer *re-watches* an instance after each statement that
    gave it a new weakref: the watch is then always among the first two, cleared before the count,
    and the tuple CPython builds is exactly the one it builds without the driver. Only within the
    statement that adds the weakref (`x = weakref.ref(x, on_clear)` kills x) is the new weakref
    ahead of the watch; report.py predicts that longer tuple and isolation.py lends a spare for it.

3.13 leaves out of that tuple only the callback-less *exact* `weakref.ref` and proxy at the head,
and builds the tuple for one weakref left: a subclass watch would be in the tuple of every instance
that dies (versions.py). There the watch is a callback-less proxy instead: `weakref.ref(x)` never
returns a proxy, and a proxy without callback always sits among the basic weakrefs at the head of
the list (after the basic ref, before those with callbacks: `weakref___new__`, `weakref_proxy`), so
it is always left out and never needs re-watching. A proxy cannot be called: whether it was cleared
is read from its `wr_object` field (Py_None once cleared), and the instance it watches is found by
address.

A cleared watch does not always mean death: the collector clears weakrefs before `__del__` can
resurrect (Lazarus) and DEBUG_SAVEALL keeps garbage alive in `gc.garbage`. The observer decides
with a walk from the roots, and watches a survivor again.
"""
import _ctypes
import ctypes
import weakref

from .versions import CLEAR_RULE, WATCH

_untrack = ctypes.pythonapi.PyObject_GC_UnTrack
_untrack.argtypes = [ctypes.py_object]
_untrack.restype = None

WR_OBJECT = 16  # offsetof(PyWeakReference, wr_object): the referent, or None once cleared
PROXY_TYPES = (weakref.ProxyType, weakref.CallableProxyType)


class Watch(weakref.ref):
    __slots__ = ()


class Watches:
    """The watches of live instances. Kept in two parallel lists, not a dict: a list is never
    untracked, so the driver's state stays frozen in the permanent generation (a dict emptied by
    the start-up collection would be untracked, and inserting a Watch would track it again, in the
    program's generation 0)."""

    def __init__(self, mem):
        self.mem = mem       # layout.Memory: raw reads that allocate nothing
        self.none = id(None)
        self.ids = []        # instance ids, parallel to refs
        self.refs = []       # their Watch objects (or proxies)
        self.address = {}    # instance id -> address of the instance
        self.type_name = {}  # instance id -> class name

    def watch(self, obj, oid):
        w = weakref.proxy(obj) if WATCH == 'proxy' else Watch(obj)
        _untrack(w)
        self.ids.append(oid)
        self.refs.append(w)
        self.address[oid] = id(obj)
        self.type_name[oid] = type(obj).__name__

    def alive(self, w):
        return self.mem.word(id(w) + WR_OBJECT) != self.none

    def target(self, i):
        """The instance the i-th watch watches (it must be alive)."""
        return _ctypes.PyObj_FromPtr(self.address[self.ids[i]]) if WATCH == 'proxy' else self.refs[i]()

    def cleared(self, out):
        """Append to `out` the ids whose watch was cleared since the last call, and drop them."""
        i = 0
        while i < len(self.refs):
            if not self.alive(self.refs[i]):
                out.append(self.ids.pop(i))
                self.refs.pop(i)
            else:
                i += 1

    def rewatch(self, obj):
        """Move the watch of `obj` to the front of its weakref list (see the module comment); a
        proxy watch is there already."""
        if WATCH == 'proxy':
            return
        i = self.index_of(id(obj))
        if i >= 0:
            oid = self.ids.pop(i)
            self.refs.pop(i)
            self.watch(obj, oid)

    def index_of(self, address):
        i = 0
        while i < len(self.ids):
            if self.address[self.ids[i]] == address and self.alive(self.refs[i]):
                return i
            i += 1
        return -1

    def clear_counts(self, out):
        """Fill the dict `out` with, per watched live instance, the number of (weakref, callback)
        pairs `PyObject_ClearWeakRefs` would put in its tuple if it died by refcount now."""
        i = 0
        while i < len(self.refs):
            if self.alive(self.refs[i]):
                obj = self.target(i)
                out[self.ids[i]] = clear_pairs(weakref_kinds(obj))
                obj = None
            i += 1


BASIC, PLAIN, CALLBACK = 0, 1, 2


def weakref_kind(r):
    """BASIC: a callback-less exact `weakref.ref` or proxy; PLAIN: another callback-less weakref (the
    subclass watch); CALLBACK: a weakref with a callback. (A proxy forwards attribute lookups to its
    referent, so it is told by its type first; the only proxies are the driver's, callback-less.)"""
    if type(r) in PROXY_TYPES:
        return BASIC
    if r.__callback__ is not None:
        return CALLBACK
    return BASIC if type(r) is weakref.ref else PLAIN


def weakref_kinds(obj):
    """The kind of each weakref in obj's list, head first."""
    return [weakref_kind(r) for r in weakref.getweakrefs(obj)]


def clear_pairs(kinds):
    """How many (weakref, callback) pairs the tuple `PyObject_ClearWeakRefs` builds holds, 0 for
    no tuple (versions.py `clear_rule`):
      two-at-head    (3.11, 3.12) up to two callback-less weakrefs at the head are cleared first;
                     a tuple only if two or more are left;
      basic-at-head  (3.13) every callback-less exact ref or proxy at the head is cleared first; a
                     tuple if one or more are left."""
    skip = 0
    if CLEAR_RULE == 'two-at-head':
        while skip < 2 and skip < len(kinds) and kinds[skip] != CALLBACK:
            skip += 1
        remaining = len(kinds) - skip
        return remaining if remaining >= 2 else 0
    while skip < len(kinds) and kinds[skip] == BASIC:
        skip += 1
    return len(kinds) - skip


def kinds_after_new_weakref(obj, callback):
    """weakref_kinds(obj) once `weakref.ref(obj[, on_clear])` has inserted a new weakref where
    `weakref___new__` puts it: a callback-less basic ref at the head (when there is none), one with
    a callback after the basic ref and the basic proxy (or at the head)."""
    refs = weakref.getweakrefs(obj)
    kinds = [weakref_kind(r) for r in refs]
    has_basic = bool(refs) and type(refs[0]) is weakref.ref and refs[0].__callback__ is None
    at = 1 if has_basic else 0
    if callback:
        if at < len(refs) and type(refs[at]) in PROXY_TYPES:
            at += 1
        kinds.insert(at, CALLBACK)
    elif not has_basic:
        kinds.insert(0, BASIC)
    return kinds
