# Found by a campaign (seed 1, program 165): the lists one gc.collect(1) freed land on the list freelist in
# CPython's list order, which the model leaves open; the next list takes either block and its trace line.
# Replay: npx pymem check properties/regressions/traced-memory-matches-live-blocks--lines-of-one-collections-freelist-entries-are-open.py
v0 = []
v1 = v0
v0.append(v0)
v0 = malloc(16)
tracemalloc.start()
v2 = v1
v3 = []
del v1
v2 = {'y': v2, 'z': v3, 'w': v2, 'u': v3, 'k': v3}
gc.collect(0)
v2['j'] = v2
del v3, v2
gc.collect(1)
v4 = []
