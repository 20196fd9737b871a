# Shows: a dict's keys table through insertions (resize at the 6th key: 8 -> 16 slots), deletions
# (the entry stays used until the next resize), pop, clear -- sys.getsizeof after each step, and the
# keys freelist (an 8-slot str-keys table freed by one dict is the next dict's table: same address,
# read from ma_keys). Expected identical in 3.11, 3.12, 3.13 (3.13 allocates keys tables with
# PyMem_Malloc instead of PyObject_Malloc: the same pymalloc allocator in a default build).
# Sources: Objects/dictobject.c GROWTH_RATE (used*3), calculate_log2_keysize, new_keys_object /
# free_keys_object (keys freelist: log2 size 3, unicode keys, 80 deep), dictresize (new table
# allocated before the old one is freed), PyDict_Clear (3.13: clear_lock_held).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import ctypes, sys

b = bytes(1)
S = sys.getsizeof
MA_KEYS = 32  # offsetof(PyDictObject, ma_keys): refcnt, type, ma_used, ma_version_tag


def keys_of(d):
    return ctypes.c_void_p.from_address(id(d) + MA_KEYS).value


d = {}
sizes = [S(d)]
for k in 'abcdefghij':
    d[k] = b
    sizes.append(S(d))
rows = [('{} then 10 inserts', sizes)]
e = {'a': b, 'b': b, 'c': b}
sizes = [S(e)]
del e['a']
sizes.append(S(e))
e.pop('b')
sizes.append(S(e))
e['x'] = b
e['y'] = b
e['z'] = b
sizes.append(S(e))
e['w'] = b
sizes.append(S(e))
e.clear()
sizes.append(S(e))
rows.append(("3 keys; del, pop, +3, +1 (resize), clear", sizes))
f = {'k': b}
kf = keys_of(f)
del f
g = {'q': b}
rows.append(('keys table of a freed 1-key dict reused by the next', [keys_of(g) == kf]))
print(sys.version.split()[0])
for label, v in rows:
    print('  %-52s %s' % (label, v))
