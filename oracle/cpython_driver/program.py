"""A pymem program as the driver sees it: numbered statements, and for each what it allocates and
which interpreter temporaries CPython builds for it.

The driver does not need the full language (pymem has validated the program before running it): it
needs to know which name receives a new object, whether `weakref.ref(x)` may return an existing
weakref, which statements are run opaquely, and which tuples CPython creates behind pymem's back.

Interpreter temporaries (docs/abstract-machine.md "Counts and freelists" does not model them), found
by observation on CPython 3.11.7 (`driver.py --raw` shows them):
  * the argument tuple of a call through tp_call: `weakref.ref(x)` (length 1),
    `weakref.ref(x, on_clear)` (2), `bytes(N)` (1), `gc.set_threshold(...)` (one per argument);
  * the tuple `PyObject_ClearWeakRefs` builds when an instance dies by refcount: 2 entries per
    weakref left after it clears up to two callback-less ones at the head of the list, if two or
    more are left; in a program, that is two or more weakrefs with callbacks (watch.py keeps the
    driver's own weakref out of it);
  * ctypes calls (`malloc`, `realloc`, `free`) and `tracemalloc.*`, `fork()`: many objects, run
    "opaquely" (automatic collection off, counts and freelists put back afterwards).
Calls through vectorcall or METH_O/METH_FASTCALL (`gc.collect(g)`, `x.append(y)`, `x.pop(i)`,
`gc.set_debug(...)`, `Obj()`, the `__del__` and callback calls) build no tuple.
"""
import re

NAME = r'[a-z_][a-z0-9_]*'
ALLOCATIONS = [
    ('list', re.compile(r'^(%s)\s*=\s*\[.*\]$' % NAME)),
    ('dict', re.compile(r'^(%s)\s*=\s*\{.*\}$' % NAME)),
    ('tuple', re.compile(r'^(%s)\s*=\s*\(.*\)$' % NAME)),
    ('instance', re.compile(r'^(%s)\s*=\s*(?:Obj|Fin|Lazarus)\(\)$' % NAME)),
    ('bytes', re.compile(r'^(%s)\s*=\s*bytes\(\s*\d+\s*\)$' % NAME)),
    ('weakref', re.compile(r'^(%s)\s*=\s*weakref\.ref\(\s*(%s)\s*(,\s*on_clear\s*)?\)$' % (NAME, NAME))),
]
SET_THRESHOLD = re.compile(r'^gc\.set_threshold\((.*)\)$')
OPAQUE = re.compile(r'^(?:%s\s*=\s*(?:malloc|realloc)\(|free\(|tracemalloc\.(?:start|stop)\(|fork\()' % NAME)
ASSIGNMENT = re.compile(r'^(%s)\s*=\s*(.*)$' % NAME)


def count_items(text):
    return len([a for a in text.split(',') if a.strip()])


class Statement:
    """One statement: its line, its text, and what the driver must know about it."""

    def __init__(self, line, text):
        self.line = line
        self.text = text
        self.kind = None          # what it allocates: list, dict, tuple, instance, bytes, weakref
        self.target = None        # the name that receives the new object
        self.referent = None      # weakref.ref(x): x
        self.callback = False     # weakref.ref(x, on_clear)
        self.arg_tuples = ()      # lengths of the argument tuples CPython builds for the call
        self.opaque = bool(OPAQUE.match(text))
        self.unfreezes = text == 'gc.unfreeze()'
        for kind, rx in ALLOCATIONS:
            m = rx.match(text)
            if m:
                self.kind, self.target = kind, m.group(1)
                break
        if self.kind == 'weakref':
            self.referent, self.callback = m.group(2), bool(m.group(3))
            self.arg_tuples = (2 if self.callback else 1,)
        elif self.kind == 'bytes':
            self.arg_tuples = (1,)
        t = SET_THRESHOLD.match(text)
        if t:
            self.arg_tuples = (count_items(t.group(1)),)

    def source(self, call=lambda name: [name + '()'], check=()):
        """The Python lines the driver runs for this statement, with a call into the driver between
        computing the right-hand side and binding it (the binding releases the target's old value):
          * after an allocation, `_pymem_allocated()` lends the spare ClearWeakRefs tuples, now
            that the allocation (and any collection it triggered, which empties the freelists)
            is done: the release that follows finds them, and the allocation never took one;
          * after an opaque call, `_pymem_opaque_done()` undoes what the call did to counts and
            freelists, but not what the release of the old value does.
        The temporary name is deleted at once; it holds the new value only while the old one is
        released, which no __del__ or callback of the prelude can see.

        `call(name)` gives the lines of a call into the driver (from 3.12, with the scheduled-
        collection flag saved and cleared first: observer.py). `check` is the eval-breaker check an
        opaque call ends with (from 3.12; the call itself runs with the collector off and the flag
        cleared), after the driver has undone what the call did and before the result is bound."""
        m = ASSIGNMENT.match(self.text)
        if self.kind:
            return ['_pymem_new = ' + m.group(2)] + call('_pymem_allocated') + ['%s = _pymem_new' % m.group(1), 'del _pymem_new']
        if not self.opaque:
            return [self.text]
        if not m:
            return [self.text] + call('_pymem_opaque_done') + list(check)
        return ['_pymem_new = ' + m.group(2)] + call('_pymem_opaque_done') + list(check) + ['%s = _pymem_new' % m.group(1), 'del _pymem_new']


def parse_program(text):
    """The statements of a program: blank and comment lines are not statements (SPEC section 2)."""
    out = []
    for i, raw in enumerate(text.splitlines(), 1):
        s = raw.strip()
        if s and not s.startswith('#'):
            out.append(Statement(i, s))
    return out


def program_names(statements, prelude_globals):
    """Every name the program binds or uses, prelude names excluded: the roots of the walk."""
    names = []
    for st in statements:
        code = re.sub(r"'[^']*'", '', st.text)  # dict keys are strings, not names
        for n in re.findall(r'\b%s\b' % NAME, code):
            if n not in prelude_globals and n not in names:
                names.append(n)
    return names
