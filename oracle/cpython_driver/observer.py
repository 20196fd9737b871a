"""Run a program in this interpreter one statement at a time, reporting after each statement.

The whole program is compiled as one module with a call `_pymem_hook(k)` after statement k, and
executed once in one globals dict: an `exec` per statement would allocate a function object per
statement. The hook reads the program's state, reports (report.py) and puts the state back
(isolation.py).

Start state = the abstract machine's (docs/abstract-machine.md): after a full collection, the
interpreter's own objects (modules, the prelude, the driver, and the globals dict holding the names,
which are roots outside the collector in pymem) are frozen into the permanent generation, so
generations 0-2 hold program objects only; counts are (0, 0, 0), thresholds the interpreter's
defaults ((700, 10, 10); (2000, 10, 10) in 3.13), `long_lived_total = long_lived_pending = 0`, the
freelists empty, nothing scheduled, no debug flags, and automatic collection **enabled**, as in a
fresh interpreter and in pymem. The driver's allocations never reach the counts, so there is
nothing to protect the program from, and a program with more than 700 net allocations collects
where pymem does. The driver turns automatic collection off only for its own work and during opaque
calls.

From 3.12 an allocation over threshold 0 only schedules its collection, which runs at the next
eval-breaker check: the end of a call the interpreter does not inline, the entry of any Python
function — the driver's own calls included. So every call into the driver is preceded, in the
module's code, by loads and stores that save and clear the scheduled flag (layout.PendingFlag: no
call, so no check), and the driver sets it again as its last action: a collection scheduled by a
statement runs where it would in a plain run, at the program's next check, and each report says
whether one is still pending. An opaque call runs with the flag cleared too; the driver sets it
again once it has undone what the call did, and a no-op C call (`_pymem_check()`) then makes the
check the call would have ended with.

A program's `gc.unfreeze()` moves the interpreter's objects into generation 2 with the program's;
the report puts them back into the permanent generation (refreeze.py).
"""
import gc
import json
import sys
import weakref

from . import versions
from .freelists import Freelists
from .heap import HeapView
from .isolation import Isolation
from .layout import Layout
from .prelude import CLASS_NAMES, PRELUDE
from .program import program_names
from .report import Reporter
from .watch import Watches


GLOBALS_PAD = 4096
# Read before anything changes them: the start state's thresholds are the interpreter's own.
INTERPRETER_THRESHOLDS = gc.get_threshold()


def pad_globals(g):
    """Grow the globals dict's keys table ahead: every new name (and the driver's `_pymem_new`, bound
    and deleted in every allocating statement) takes a usable entry, and a resize would allocate a
    new table at a program line, which tracemalloc would charge to it. Padding with GLOBALS_PAD names
    and deleting them leaves a table with over 2000 usable entries."""
    for i in range(GLOBALS_PAD):
        g['_pymem_pad%d' % i] = None
    for i in range(GLOBALS_PAD):
        del g['_pymem_pad%d' % i]


class Observer:
    def __init__(self, statements, raw=False, out=sys.stdout):
        self.statements = statements
        self.out = out
        self.layout = Layout()
        self.freelists = Freelists(self.layout) if self.layout.ok else None
        self.ids = {}          # address -> id of the program object last allocated there
        self.iso = Isolation(self.layout, self.freelists, raw, self.ids)
        self.watches = Watches(self.layout.mem)
        self.fin_log = []      # addresses whose __del__ ran during the statement, in order
        self.cb_log = []       # addresses of weakrefs whose callback ran, in order
        self.notes = []
        self.basic_ref_before = None
        self.lend_failed = False
        self.held_pending = 0  # a scheduled collection kept off during an opaque call (opaque_done)
        self.reporter = Reporter(self)

    # -- called inside a statement: allocate no GC object ----------------------------------------
    def log_finalized(self, obj):
        self.fin_log.append(id(obj))

    def log_callback(self, wr):
        self.cb_log.append(id(wr))

    # `pending` (from 3.12): the scheduled-collection flag as the module's code found it before the
    # call, which cleared it; each of these sets it again as its very last action (put_back).
    def allocated(self, pending=0):
        if not self.iso.lend_after_allocation():
            self.lend_failed = True
        self.put_back(pending)

    def opaque_done(self, pending=0):
        if self.iso.opaque_done():
            gc.enable()
        held, self.held_pending = self.held_pending, 0
        self.put_back(pending | held)

    def put_back(self, pending):
        if pending:
            self.layout.pending.put_back(pending)

    # -- the hook -------------------------------------------------------------------------------
    def hook(self, k, pending=0):
        enabled = gc.isenabled()
        gc.disable()
        iso = self.iso
        if self.layout.ok:
            if k > 0:
                self.reporter.read_refcounts()  # allocates nothing (report.py)
            iso.read()  # first: nothing may allocate before this
        else:
            iso.read_inexact()
        if k == 0:
            enabled = self.start()
            pending = 0  # the driver's own start-up scheduled it, if anything
        else:
            iso.after_statement(self.statements[k - 1])
            if self.lend_failed:
                iso.lose_count('step %d: a freelist reserve ran dry' % k)
                self.lend_failed = False
            self.reporter.report(k, self.statements[k - 1], pending)
        enabled = self.prepare(k + 1, enabled)
        if self.layout.ok and not iso.restore():
            iso.lose_count('before step %d: a freelist reserve ran dry' % (k + 1))
        if enabled:
            gc.enable()
        st = self.statements[k] if k < len(self.statements) else None
        if st is not None and st.opaque:
            self.held_pending = pending  # back after the opaque call (opaque_done)
        else:
            self.put_back(pending)

    def prepare(self, k, enabled):
        """Before statement k: what `weakref.ref(x)` would return, spares, enabled flag."""
        del self.fin_log[:]
        del self.cb_log[:]
        self.basic_ref_before = None
        st = self.statements[k - 1] if k <= len(self.statements) else None
        if st is not None and st.kind == 'weakref':
            self.reporter.expect_new_weakref(st)
            if not st.callback:
                referent = self.globals.get(st.referent)
                refs = weakref.getweakrefs(referent) if type(referent) in self.classes else []
                if refs and type(refs[0]) is weakref.ref and refs[0].__callback__ is None:
                    self.basic_ref_before = id(refs[0])
                refs = referent = None
        if self.layout.ok and self.freelists.low():
            self.freelists.fill()
        return self.iso.before_statement(st, enabled, self.reporter.clear_counts.values())

    # -- start ----------------------------------------------------------------------------------
    def start(self):
        gc.set_threshold(*INTERPRETER_THRESHOLDS)
        gc.set_debug(0)
        del gc.garbage[:]
        self.warm_up()
        iso = self.iso
        if self.layout.ok:
            iso.forget_program_freelists()
            iso.restore()  # every freelist emptied into the reserve
            self.freelists.fill()
        gc.collect()
        gc.freeze()
        if self.layout.ok:
            self.layout.long_lived_total.value = 0
            self.layout.long_lived_pending.value = 0
            iso.read()
            iso.counts[:] = [0, 0, 0]
            iso.forget_program_freelists()
        else:
            iso.read_inexact()
        return True

    def warm_up(self):
        """Run each kind of observation once before the freeze. CPython creates some objects lazily
        on first use and keeps them for ever (the keyword-name tuple of a C function's argument
        parser, for one: `gc.get_objects(generation=0)`); made now, they are frozen with the
        driver's state instead of showing up in the program's generation 0 later."""
        probe = self.classes[1]()
        probe.a = [(None,), {'k': None}, bytes(2)]
        self.ids[id(probe)] = 0
        self.watches.watch(probe, 0)
        gen_of, foreign = self.heap.scan_generations()
        records = self.heap.describe([probe, probe.a], gen_of)
        self.reporter.remember()
        self.watches.rewatch(probe)
        json.dumps({'objects': records, 'foreign': foreign, 'n': None, 'b': True})
        '%s in generation %d: %.80r' % ('list', 0, probe)
        del probe, records, gen_of, foreign
        self.watches.cleared([])
        self.ids.clear()
        self.reporter.remember()
        del self.fin_log[:]

    # -- running --------------------------------------------------------------------------------
    def emit(self, obj):
        # Flushed at once: a text stream keeps unflushed writes in a list, which would be a driver
        # object in the program's generation 0 until the next flush.
        self.out.write(json.dumps(obj) + '\n')
        self.out.flush()

    def run(self, filename):
        """Execute the program; return an error message, or None if it ran to the end."""
        g = {'__name__': '__pymem__', '__builtins__': __builtins__}
        pad_globals(g)
        exec(compile(PRELUDE, '<prelude>', 'exec'), g)
        g['_pymem_log_finalized'] = self.log_finalized
        g['_pymem_log_callback'] = self.log_callback
        g['_pymem_hook'] = self.hook
        g['_pymem_opaque_done'] = self.opaque_done
        g['_pymem_allocated'] = self.allocated
        if self.layout.pending is not None:
            g['_pymem_pf'] = self.layout.pending.view
            g['_pymem_check'] = gc.isenabled  # a C call that allocates nothing: an eval-breaker check
        self.globals = g
        self.classes = tuple(g[c] for c in CLASS_NAMES)
        self.heap = HeapView(g, program_names(self.statements, g), self.classes, self.ids)
        if self.layout.pending is not None:
            take = self.layout.pending.take_source('_pymem_s')
            call = lambda name: take + ['%s(_pymem_s)' % name]  # noqa: E731
            hook = lambda k: take + ['_pymem_hook(%d, _pymem_s)' % k]  # noqa: E731
            check = ['_pymem_check()']
        else:
            call = lambda name: [name + '()']  # noqa: E731
            hook = lambda k: ['_pymem_hook(%d)' % k]  # noqa: E731
            check = ()
        src = hook(0)
        self.filename = filename
        self.line_of = {}  # compiled line -> program line (tracemalloc, traces.py)
        for k, st in enumerate(self.statements, 1):
            for text in st.source(call, check):
                src.append(text)
                self.line_of[len(src)] = st.line
            src.extend(hook(k))
        code = compile('\n'.join(src) + '\n', filename, 'exec')
        self.emit({'driver': 'pymem-oracle', 'python': '%d.%d.%d' % sys.version_info[:3],
                   'exact': self.layout.ok, 'why': self.layout.why,
                   'scheduled_collections': versions.SCHEDULED_COLLECTIONS})
        try:
            exec(code, g)
            error = None
        except BaseException as e:  # reported, never hidden
            error = '%s: %s' % (type(e).__name__, e)
        gc.disable()
        self.emit({'end': True, 'error': error, 'notes': self.notes})
        self.out.flush()
        return error
