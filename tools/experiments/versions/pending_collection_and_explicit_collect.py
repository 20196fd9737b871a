# Shows: what a collection that is pending (3.12/3.13: scheduled by an allocation, not yet run) does
# when the program calls gc.collect(0) before the next eval-breaker check.
#  case 1, nothing in the garbage runs Python code: the explicit collect(0) runs inside the call
#    (count[1] += 1), then, when the call returns, the pending collection chooses its generation
#    from the counts *now*: with threshold[1] = 0, count[1] = 1 > 0 -> a generation-1 collection.
#    One statement, two collections (0 then 1). 3.11: the automatic one already ran inside `t2 = ...`.
#  case 2, the garbage holds an instance with a weakref whose callback is a Python function: the
#    callback's RESUME checks the eval breaker *inside* the explicit collection.
#    3.12: _Py_RunGC does not look at `collecting`: a generation-1 collection runs nested inside the
#    explicit one (from its weakref-callback phase), and resets `collecting` to 0 when it ends.
#    3.13: gc_collect_main refuses to start while `collecting` is set and returns 0; the eval-breaker
#    bit is already cleared, so the pending collection is dropped: only the explicit one runs.
# Sources: 3.12 Modules/gcmodule.c _Py_RunGC (sets collecting=1, gc_collect_generations, sets 0),
# gc_collect_generations (no `collecting` test); 3.13 Python/gc.c gc_collect_main
# (`_Py_atomic_compare_exchange_int(&gcstate->collecting, &expected, 1)` ... "return 0"),
# Python/ceval_gil.c _Py_HandlePending (unsets _PY_GC_SCHEDULED_BIT, then _Py_RunGC).
# Printed: collections per generation from `t2 = ...` to the end of `gc.collect(0)`, the count seen
# by the callback, and the generation the object made just before gc.collect(0) ends up in.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, weakref


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


seen = []


def on_clear(wr):
    seen.append(gc.get_count())


def generation(obj):
    for i in range(3):
        if any(x is obj for x in gc.get_objects(i)):
            return i
    return None


def run(with_callback):
    global t1, t2, m, w
    gc.disable()
    gc.collect()
    b = bytes(1)
    tmp = (b,); del tmp
    tmp = (b, b); del tmp
    c = gc.get_count(); del c
    gc.set_threshold(1, 0, 100)
    del seen[:]
    gc.collect(1)  # counts (0, 0, 1); generations 0 and 1 empty except the garbage made next
    if with_callback:
        o1 = Obj(); o1.a = o1
        w = weakref.ref(o1, on_clear)
        del o1
    s0 = [d['collections'] for d in gc.get_stats()]
    c0 = gc.get_count()
    gc.enable()
    t2 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
    m = [b]
    gc.collect(0)
    gc.set_threshold(100000, 100000, 100000)  # anything still pending selects no generation
    gc.disable()
    s1 = [d['collections'] for d in gc.get_stats()]
    print('  %-22s count before t2 %s  collections (gen0, gen1, gen2) %s  callback saw count %s  m in gen %s'
          % ('with callback:' if with_callback else 'no Python code:', c0,
             [y - x for x, y in zip(s0, s1)], seen, generation(m)))


print(sys.version.split()[0])
run(False)
run(True)
