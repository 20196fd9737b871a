# Rule: `del x[i]` that empties a list clears it (`list_ass_slice` → `_list_clear`): the items array is
# freed and the capacity drops to 0, so `sys.getsizeof` is back to 56. `x.pop()` of the last item goes
# through `list_resize` instead, which keeps a 1-slot array (56 + 8 = 64). The next append grows from 0
# to 4 slots (32 bytes, traced at the appending line).
# Versions: from 3.12 `pop()` of the last item clears the list (array freed, getsizeof 56); 3.13's
#   `del b[0]` keeps the array (getsizeof 64) (docs/cpython-versions.md, rows 8 and 9).
# Reference: docs/cpython-3.11.md#object-sizes, #list-growth (del x[i] emptying a list clears it:
# Objects/listobject.c list_ass_slice → _list_clear).
# Found by the CPython oracle on generated programs once it compared `sys.getsizeof`: pymem kept the
# 1-slot array after `del b[0]`.
# Derived: sizes and per-line statistics observed in python3 3.11.7 (tools/observe.py); `traced` by
# hand: 56, 120 (+56 +8), 112 (−8), 176 (+56 +8), 176 (pop keeps the array), 208 (+32); peak = current.
tracemalloc.start()
a = []
b = [a]
del b[0]
c = [a]
c.pop()
b.append(a)
