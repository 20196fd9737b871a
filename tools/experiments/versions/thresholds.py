# Shows: the collector's default thresholds, and that the three thresholds keep their meaning
# (generation 0: allocations; 1 and 2: collections of the younger generation), in each version.
# 3.11/3.12: (700, 10, 10); 3.13: (2000, 10, 10). Source: Modules/gcmodule.c _PyGC_InitState
# (3.11), Include/internal/pycore_runtime_init.h `.gc.generations` (3.12: 700, 3.13: 2000).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys
print(sys.version.split()[0], 'threshold', gc.get_threshold(), 'enabled', gc.isenabled(),
      'generations', len(gc.get_stats()), 'stats keys', sorted(gc.get_stats()[0]))
