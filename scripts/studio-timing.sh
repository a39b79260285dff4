#!/usr/bin/env bash
# The studio's server time for a 16-picture grid (a noise run) or one mask picture (a mask run), as docs/studio.md
# reports it: the studio is started on a free port, answers 3 requests to warm up, then 20 are timed; printed are
# the medians of its Server-Timing header (generate: ONNX Runtime; total: request in to answer ready, PNG encoding
# included) and of curl's wall time on the loopback.
#   scripts/studio-timing.sh RUN [MASK.png]      (SHARPGAN="dotnet path/to/SharpGan.Cli.dll" to pick a build)
set -euo pipefail
run=$1
mask=${2:-}
sharpgan=${SHARPGAN:-sharpgan}
log=$(mktemp)
$sharpgan studio "$run" --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the studio did not start" >&2; exit 1; }

request() {
  if [ -n "$mask" ]; then
    curl -s -D - -o /dev/null -w 'wall;dur=%{time_total}\n' -H 'Content-Type: image/png' --data-binary "@$mask" "${url}api/mask?seed=7"
  else
    curl -s -D - -o /dev/null -w 'wall;dur=%{time_total}\n' -H 'Content-Type: application/json' -d '{"start":"0","count":16}' "${url}api/grid"
  fi
}
for _ in 1 2 3; do request >/dev/null; done
times=$(for _ in $(seq 1 20); do request; done)
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
generate=$(grep -o 'generate;dur=[0-9.]*' <<<"$times" | cut -d= -f2 | median)
total=$(grep -o 'total;dur=[0-9.]*' <<<"$times" | cut -d= -f2 | median)
wall=$(grep -o 'wall;dur=[0-9.]*' <<<"$times" | cut -d= -f2 | awk '{ print $1 * 1000 }' | median)
what="16-picture grid"
[ -n "$mask" ] && what="one mask picture ($mask; generate includes reading the mask)"
grep '^studio' "$log"
echo "$what: median of 20: generate ${generate} ms, server total ${total} ms, curl wall ${wall} ms (load average $(cut -d' ' -f1 /proc/loadavg))"
