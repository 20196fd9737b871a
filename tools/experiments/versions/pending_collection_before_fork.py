# Shows: a collection pending when the program calls the prelude's fork() (3.12/3.13) runs at the
# RESUME of that Python function, in the PARENT, before os.fork(): the child inherits its result,
# and its page writes are not the child's. 3.11: it already ran inside the allocation `t2 = ...`.
# Printed: where the first collection after `t1` ran (statement marker) and in which process.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, os, sys


def fork():  # pymem's prelude fork()
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


log = []
where = 'setup'


def cb(phase, info):
    if phase == 'stop':
        log.append((where, os.getpid()))


gc.disable()
gc.collect()
b = bytes(1)
tmp = (b,); del tmp
gc.set_threshold(1)
gc.collect(0)
parent = os.getpid()
gc.callbacks.append(cb)
gc.enable()
where = 't1'
t1 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
where = 't2'
t2 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
where = 'fork()'
fork()
gc.disable()   # the child from here on
first = log[0]
print(sys.version.split()[0], 'first collection: at %s, in the %s' % (first[0], 'parent' if first[1] == parent else 'child'))
