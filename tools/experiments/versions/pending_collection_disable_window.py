# Shows: a collection scheduled before gc.disable() (3.12/3.13 only; 3.11 has no pending state).
#  3.11:   runs inside the allocation `t2 = ...`; disable() has nothing to cancel.
#  3.12.1: gc.disable() is a call; when it returns the pending collection runs anyway: _Py_RunGC in
#          3.12.0-3.12.2 does not test `enabled` (3.12.3 added the test: gh-116604, NEWS 3.12.3).
#  3.13:   _Py_HandlePending clears the bit, _Py_RunGC sees `enabled == 0` and returns: the collection
#          is dropped. gc.enable() does not re-arm it, nor does a later call: only the next GC
#          allocation with count[0] > threshold[0] schedules again (here `u = ...`).
# Printed: where (between which statements) each collection ran, and its generation.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys

log = []
where = 'setup'


def cb(phase, info):
    if phase == 'stop':
        log.append('%s:gen%d' % (where, info['generation']))


gc.disable()
gc.collect()
b = bytes(1)
tmp = (b,); del tmp
c = gc.get_count(); del c
gc.set_threshold(1)
gc.collect(0)
gc.callbacks.append(cb)
gc.enable()
where = 't1'
t1 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
where = 't2'
t2 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
where = 'gc.disable()'
gc.disable()
where = 'x = ... (disabled)'
x = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
where = 'gc.enable()'
gc.enable()
where = 'len(b)'
len(b)
where = 'u = ...'
u = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
where = 'len(b) #2'
len(b)
where = 'end'
gc.disable()
print(sys.version.split()[0], 'collections:', ', '.join(log))
