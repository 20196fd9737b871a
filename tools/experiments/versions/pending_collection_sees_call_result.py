# Shows: when a pending collection (3.12/3.13) runs at the end of a call, the call's result is still
# on the interpreter stack: `l.pop()` returns the popped item, which is released (POP_TOP) only
# after the collection. A young cyclic instance popped off the last list holding it therefore
# survives that collection (promoted to generation 1) and needs a collect(1) later; the same item
# removed with `del l[1]` (no call, no check) and then a call is collected by the pending
# collection. (Constructors likewise: the new object is on the stack, see
# examples/new_object_exists_when_its_statement_collects.py.) 3.11: the automatic collection ran
# inside `t2 = ...`, before either statement.
# Printed: what the automatic collection collected per generation, then gc.collect(0), gc.collect(1).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


def run(how):
    gc.disable()
    gc.collect()
    b = bytes(1)
    tmp = (b,); del tmp
    gc.set_threshold(1)
    l = [b]
    gc.collect(0)            # l in generation 1
    p = Obj(); p.a = p
    l.append(p)
    del p                    # p: young, cyclic, held only by l
    s0 = [d['collected'] for d in gc.get_stats()]
    gc.enable()
    t1 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
    t2 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
    if how == 'pop':
        l.pop()              # the check runs after the call: p is the call's result
    else:
        del l[1]             # no check; p is now unreachable
        len(b)               # the check
    gc.disable()
    s1 = [d['collected'] for d in gc.get_stats()]
    return 'automatic %s, collect(0) %d, collect(1) %d' % ([y - x for x, y in zip(s0, s1)], gc.collect(0), gc.collect(1))


print(sys.version.split()[0], ' l.pop():', run('pop'), ' |  del l[1]; len(b):', run('del'))
