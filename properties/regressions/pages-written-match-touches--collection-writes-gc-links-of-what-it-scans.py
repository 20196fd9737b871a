# Found by the fork property with the collector's scan left out of the page ledger on purpose: a
# collection in the child writes the GC links (rule P2) of every object of the generations it
# collects, here v0 in generation 0: 1 page.
# Replay: npx pymem check properties/regressions/pages-written-match-touches--collection-writes-gc-links-of-what-it-scans.py
v0 = Obj()
fork()
gc.collect(0)
