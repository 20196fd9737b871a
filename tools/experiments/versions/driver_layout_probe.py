# Shows: where the oracle driver's raw views (oracle/cpython_driver/layout.py, written for 3.11)
# find the collector state and the list/tuple/dict/dict-keys freelists in each version, as offsets
# from PyInterpreterState_Get(). The driver refuses anything but 3.11 ("inexact mode"); this probe
# locates the same structures the same way (known object addresses freed onto a freelist, then
# searched for in the interpreter state) so that a 3.12/3.13 layout can be written down.
#   collector: `struct _gc_runtime_state` (same layout in all three: garbage/callbacks pair at +208).
#   3.11: struct _Py_tuple_state, _Py_list_state, _Py_dict_state consecutive (driver: tuple heads =
#         list array - 240, dict array = list array + 648, keys array = dict numfree + 8).
#   3.12: tuple, list, then dict_state { global_version; next_keys_version; free_list[80];
#         keys_free_list[80]; numfree; keys_numfree; watchers... } (pycore_dict_state.h).
#   3.13: interp->object_state.freelists = struct _Py_object_freelists { floats, tuples, lists,
#         dicts, dictkeys, ... } (pycore_freelist.h), each `{items[], numfree}`.
# Printed: offsets (bytes from the interpreter state) and the relative distances the driver uses.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import ctypes, gc, sys

api = ctypes.pythonapi
api.PyInterpreterState_Get.restype = ctypes.c_void_p
interp = api.PyInterpreterState_Get()


def span_from(addr):
    maps = []
    for line in open('/proc/self/maps'):
        lo, hi = (int(x, 16) for x in line.split()[0].split('-'))
        maps.append((lo, hi, line.split()[1]))
    maps.sort()
    end = addr
    for lo, hi, perm in maps:
        if lo <= end < hi and 'r' in perm:
            end = hi
    return min(end - addr, 1 << 20)


SPAN = span_from(interp)
I = lambda a: ctypes.c_int.from_address(a).value
W = lambda a: ctypes.c_size_t.from_address(a).value
out = []
mem = ctypes.string_at(interp, SPAN)
pair = id(gc.garbage).to_bytes(8, 'little') + id(gc.callbacks).to_bytes(8, 'little')
gc_off = mem.find(pair) - 208
out.append('gc state at +%d' % gc_off)
gc.disable()
gc.collect()


def hits_of(needle):
    out_, at_ = [], mem.find(needle)
    while at_ >= 0:
        out_.append(at_)
        at_ = mem.find(needle, at_ + 1)
    return out_


l1, l2, l3 = [], [], []
needle = id(l1).to_bytes(8, 'little') + id(l2).to_bytes(8, 'little') + id(l3).to_bytes(8, 'little')
del l1, l2, l3
mem = ctypes.string_at(interp, SPAN)
# the list freelist is where the three addresses sit side by side AND numfree (items + 640) is 3;
# no list may be allocated until that is checked (it would be taken off the freelist)
list_arr = mem.find(needle)
while list_arr >= 0 and I(interp + list_arr + 640) != 3:
    list_arr = mem.find(needle, list_arr + 1)
n_list = list_arr + 640
out.append('list freelist items at +%d, numfree at +%s (items + %s); within the 16384 bytes the driver reads: %s'
           % (list_arr, n_list, None if n_list is None else n_list - list_arr, list_arr + 8 * 400 < 16384))
gc.collect()
t = tuple(range(17)); at17 = id(t); del t
mem = ctypes.string_at(interp, SPAN)
pos = mem.find(at17.to_bytes(8, 'little'))
tuple_heads = pos - 8 * 16
out.append('tuple freelist heads[0] at +%d (list items %+d); numfree[16] == 1 at heads + 160: %s'
           % (tuple_heads, tuple_heads - list_arr, I(interp + tuple_heads + 160 + 4 * 16) == 1))
d1, d2 = {}, {}
b = [id(d1), id(d2)]
del d1, d2
mem = ctypes.string_at(interp, SPAN)
# every place the two addresses appear side by side (stale entries beyond another freelist's
# numfree can hold them too); the dict freelist is the one whose numfree, at items + 640 (3.11,
# 3.13) or + 1280 (3.12, after keys_free_list[80]), says 2
hits = hits_of(b[0].to_bytes(8, 'little') + b[1].to_bytes(8, 'little'))
found = [(h, off) for h in hits for off in (80 * 8, 160 * 8) if I(interp + h + off) == 2]
dict_arr, dict_n = found[0]
out.append('dict freelist items at +%d (list items %+d); numfree at items + %d' % (dict_arr, dict_arr - list_arr, dict_n))
gc.collect()
d = {'pymem_probe': None}
keys = W(id(d) + 32)   # ma_keys
del d
mem = ctypes.string_at(interp, SPAN)
k = min(h for h in hits_of(keys.to_bytes(8, 'little')) if h > dict_arr)  # the keys array follows the dict array
kn = [off for off in (640, 644) if I(interp + k + off) == 1]  # 3.12: dict numfree, then keys numfree
out.append('dict keys freelist items at +%d (dict items %+d); keys numfree == 1 at keys items + %s'
           % (k, k - dict_arr, kn))
print(sys.version.split()[0])
for line in out:
    print('  ' + line)
