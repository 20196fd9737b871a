#!/usr/bin/env bash
# Kill a campaign with `kill -9` at random moments KILLS times in a row (default 20), resuming it each
# time, then let it finish; after every kill, every file of the campaign directory must parse
# (scripts/check-campaign-dir.mjs). The campaign is deterministic (--runs, a fixed seed, the canary so
# that there are findings), so the killed-and-resumed directory must end up with exactly the findings
# and the corpus of the same campaign run without interruption: no finding lost, none invented.
# A kill that comes before the campaign's first checkpoint (campaign.json) leaves nothing to check, and
# --resume starts that campaign afresh. test/fuzz/killResume.test.ts kills at defined points instead.
#
# usage: scripts/kill-resume.sh [KILLS] [RUNS]      (needs dist/: npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-20}
RUNS=${2:-80000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ARGS=(--canary --seed kill-resume --runs "$RUNS" --workers 2 --time 30m)

echo "reference: one uninterrupted campaign of $RUNS programs"
node bin/pymem.js fuzz "${ARGS[@]}" --out "$WORK/reference" >/dev/null 2>&1 || [ $? -eq 1 ]

kills=0
resume=()
while [ "$kills" -lt "$KILLS" ]; do
  node bin/pymem.js fuzz "${ARGS[@]}" --out "$WORK/killed" "${resume[@]}" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.3 + (r % 2000) / 1000 }')"
  if ! kill -9 "$pid" 2>/dev/null; then
    echo "the campaign finished before kill $((kills + 1)) (more RUNS make more kills)"
    break
  fi
  wait "$pid" 2>/dev/null || true
  kills=$((kills + 1))
  resume=(--resume)
  if [ ! -e "$WORK/killed/campaign.json" ]; then
    echo "kill $kills: before the first checkpoint"
    continue
  fi
  state=$(node scripts/check-campaign-dir.mjs "$WORK/killed") || { echo "kill $kills: $state" >&2; exit 1; }
  echo "kill $kills: $state"
done

echo "final resume, to the end"
node bin/pymem.js fuzz "${ARGS[@]}" --out "$WORK/killed" --resume >/dev/null 2>&1 || [ $? -eq 1 ]
node scripts/check-campaign-dir.mjs "$WORK/killed"
if diff -r "$WORK/reference/findings" "$WORK/killed/findings" >/dev/null && diff -r "$WORK/reference/corpus" "$WORK/killed/corpus" >/dev/null; then
  echo "ok: after $kills kills, findings ($(ls "$WORK/killed/findings" | wc -l)) and corpus ($(ls "$WORK/killed/corpus" | wc -l)) are identical to the uninterrupted campaign"
else
  echo "FAIL: the killed campaign's findings or corpus differ from the uninterrupted campaign's" >&2
  diff -r "$WORK/reference/findings" "$WORK/killed/findings" | head -20 >&2 || true
  exit 1
fi
