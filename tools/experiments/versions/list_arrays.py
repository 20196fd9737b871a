# Shows: a list's item array across append / pop / del / clear (sys.getsizeof = 56 + 8 * allocated).
# Same growth rule in all three (list_resize: no realloc while allocated/2 <= n <= allocated,
# else (n + n/8 + 6) & ~3 slots). The difference: pop() of the LAST remaining item.
#   3.11: list_pop_impl -> list_resize(self, 0): allocated 1 >= 0 >= 0, the 1-slot array stays (64).
#   3.12, 3.13: list_pop_impl has `if (size_after_pop == 0) { ... _list_clear(self) }` (3.13:
#   list_clear): the array is freed, allocated = 0 (getsizeof 56), like `del x[0]` and x.clear().
# And `del x[i]` (an int index):
#   3.11, 3.12: list_ass_item -> list_ass_slice: list_resize to n - 1 (may realloc smaller), and
#   the array is freed when the list becomes empty (`_list_clear`).
#   3.13: list_ass_item_lock_held shifts the items down and sets the size: NO list_resize, no
#   realloc, no clear -- the array keeps its allocation, even at 0 items (getsizeof stays).
# Source: Objects/listobject.c list_pop_impl (3.11 vs 3.12/3.13), list_ass_slice (`if (Py_SIZE(a)
# + d == 0) return _list_clear(a)`, all three), list_resize.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import sys

b = bytes(1)
S = sys.getsizeof
rows = []
x = [b]
rows.append(('x = [b]', S(x)))
x.append(b)
rows.append(('x.append(b)', S(x)))
for _ in range(3):
    x.append(b)
rows.append(('3 more appends (5 items)', S(x)))
x.pop()
x.pop()
x.pop()
rows.append(('pop() x3 (2 items)', S(x)))
x.pop()
rows.append(('pop() (1 item)', S(x)))
x.pop()
rows.append(('pop() of the last item (0 items)', S(x)))
y = [b]
y.pop(0)
rows.append(('y = [b]; y.pop(0)', S(y)))
z = [b]
del z[0]
rows.append(('z = [b]; del z[0]', S(z)))
u = [b, b]
u.clear()
rows.append(('u = [b, b]; u.clear()', S(u)))
v = [b, b, b, b]
v.pop(0)
rows.append(('v = [b]*4 literal; v.pop(0)', S(v)))
w = [b, b, b, b, b, b, b, b]
sizes = [S(w)]
for _ in range(8):
    del w[0]
    sizes.append(S(w))
rows.append(('w = 8 items; del w[0] x8', sizes))
print(sys.version.split()[0])
for label, size in rows:
    print('  %-34s getsizeof %s' % (label, size))
