#!/usr/bin/env bash
# The campaign targets of issue #6, measured: a campaign of TIME (default 2m) on the real
# implementation with 1 worker, then with 2 (programs/s, the ratio; target ≥ 1.8× on the 2-core
# machine; both must find nothing), then a campaign against the canary (must find it). The load
# average is printed beside each run, and the cores the campaign actually got: other processes on the
# machine distort the ratio.
# usage: scripts/scaling.sh [TIME]      (needs dist/: npm run build)
set -uo pipefail
cd "$(dirname "$0")/.."
TIME=${1:-2m}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rate() {
  node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1] + "/campaign.json", "utf8")); const c = s.counters;
    const n = require("fs").readdirSync(process.argv[1] + "/findings").length;
    console.log(`${c.programs} programs in ${(c.elapsedMs / 1000).toFixed(1)} s = ${(c.programs / c.elapsedMs * 1000).toFixed(1)} programs/s ` +
      `(${Math.round(c.statements / c.elapsedMs * 1000)} statements/s), ${n} findings`)' "$1"
}
for workers in 1 2; do
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f '%e %U %S' -o "$WORK/time$workers" node bin/pymem.js fuzz --time "$TIME" --workers "$workers" --out "$WORK/w$workers" >/dev/null 2>&1
  echo "exit $? — $workers worker(s): $(rate "$WORK/w$workers")"
  read -r wall user sys < "$WORK/time$workers"
  echo "   CPU: $(awk -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f cores on average (user+sys %.1f s over %.1f s)", (u + s) / w, u + s, w }')"
done
node -e 'const r = (d) => { const c = JSON.parse(require("fs").readFileSync(d + "/campaign.json", "utf8")).counters; return c.programs / c.elapsedMs; };
  const s = (d) => { const c = JSON.parse(require("fs").readFileSync(d + "/campaign.json", "utf8")).counters; return c.statements / c.elapsedMs; };
  console.log(`2 workers / 1 worker = ${(r(process.argv[2]) / r(process.argv[1])).toFixed(2)}x programs/s, ${(s(process.argv[2]) / s(process.argv[1])).toFixed(2)}x statements/s`)' "$WORK/w1" "$WORK/w2"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
node bin/pymem.js fuzz --canary --time 30s --workers 2 --out "$WORK/canary" >/dev/null 2>&1
echo "exit $? — canary: $(rate "$WORK/canary")"
node -e 'const fs = require("fs"); for (const f of fs.readdirSync(process.argv[1])) { const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
  console.log(`  ${r.signature}  ${r.status}, ${r.size} statements (from ${r.originalSize}), found by program ${r.index}`); }' "$WORK/canary/findings"
