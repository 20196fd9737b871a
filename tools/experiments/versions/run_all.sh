#!/bin/sh
# Run every experiment of this directory with CPython 3.11.7, 3.12.1 and 3.13.0 (pyenv), and every
# example that pins a version difference under run_program.py; write everything to outputs.txt (also
# printed).
#   sh tools/experiments/versions/run_all.sh
# Each experiment takes well under a second; default_threshold_700_or_2000.py a few seconds.
cd "$(dirname "$0")" || exit 1
VERSIONS="3.11.7 3.12.1 3.13.0"
{
  for f in thresholds.py pending_collection_sites.py pending_collection_disable_window.py \
           pending_collection_and_explicit_collect.py pending_collection_sees_call_result.py pending_collection_before_fork.py count_rules.py long_lived_rule.py freelists.py \
           tracking.py collector_semantics.py release_order.py weakref_clear_tuple.py \
           interpreter_temporaries.py sizes.py list_arrays.py dict_tables.py tracemalloc_traces.py \
           inline_values_not_relevant.py pymalloc_geometry.py fork_cow_pages.py driver_layout_probe.py \
           driver_defer_pending_collection.py; do
    echo "=== $f"
    for v in $VERSIONS; do PYENV_VERSION=$v python "$f" 2>&1; done
  done
  for f in $(grep -l '^# Versions:' ../../../examples/*.py); do
    echo "=== run_program.py $f"
    for v in $VERSIONS; do
      # long programs (hundreds of allocations): only the statements where something happens
      if [ "$(grep -c . "$f")" -gt 100 ]; then
        # (collections, the first statement of each pending stretch, the final lines)
        PYENV_VERSION=$v python run_program.py "$f" 2>&1 | awk '
          length > 240 { $0 = substr($0, 1, 240) " ..." }
          /^#/ || /collections/ || (/pending$/ && !p) || /fork|gc\./ { print }
          { p = /pending$/ }'
      else
        PYENV_VERSION=$v python run_program.py "$f" 2>&1 | awk 'length > 240 { $0 = substr($0, 1, 240) " ..." } { print }'
      fi
    done
  done
  # pymem's own examples with automatic collections, run plainly (no driver) in each version:
  # collections, pending stretches and counts per statement.
  for e in automatic_collection_fires_above_threshold gen1_collected_when_count1_exceeds_threshold \
           collect_runs_while_disabled full_collection_waits_for_quarter_of_long_lived; do
    echo "=== run_program.py examples/$e.py"
    for v in $VERSIONS; do
      PYENV_VERSION=$v python run_program.py "../../../examples/$e.py" 2>&1 | awk 'length > 240 { $0 = substr($0, 1, 240) " ..." } { print }'
    done
  done
} | tee outputs.txt
