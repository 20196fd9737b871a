#!/bin/sh
# Run tools/observe.py (the oracle driver) on every example under 3.11.7, 3.12.1 and 3.13.0 and
# print the examples whose expected (3.11) trace no longer matches, with the first mismatches.
# On 3.12/3.13 the driver runs "inexact" (oracle/cpython_driver/layout.py refuses the layout):
# counts are not compared, freelists are not managed, and its hook's own calls run pending
# collections -- see docs/cpython-versions.md, "The oracle driver on 3.12 and 3.13".
#   sh tools/experiments/versions/observe_examples.sh > tools/experiments/versions/examples_observed.txt
cd "$(dirname "$0")/../../.." || exit 1
for v in 3.11.7 3.12.1 3.13.0; do
  echo "=== $v"
  for f in examples/*.py; do
    n=${f%.py}
    out=$(PYENV_VERSION=$v timeout 120 python tools/observe.py "$f" --compare "$n.trace.jsonl" 2>&1)
    if [ $? -ne 0 ]; then
      echo "$(basename "$n"): MISMATCH"
      echo "$out" | grep '^# MISMATCH' | head -3 | cut -c1-230 | sed 's/^/    /'
    fi
  done
done
