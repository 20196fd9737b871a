# Found by mutation testing (mutation/README.md, the fixed sample on the tree with engine reuse): under 3.12
# a collection the third list's allocation scheduled is still pending when fork() is called — a list display
# calls nothing — and runs at the entry of the prelude's fork(), an eval-breaker check, so the fork's own
# line reports it. No CI program forks under 3.12 or 3.13 (the version properties draw no fork), so leaving
# that check out went unseen.
# Replay: npx pymem check properties/regressions/threshold-triggering--under-3.12-a-collection-pending-at-fork-runs-at-its-entry.py
# pymem: cpython=3.12
gc.set_threshold(2)
a = []
b = []
c = []
fork()
