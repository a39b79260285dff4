#!/bin/bash
# Trains one short run on FOLDER at 128 px with data.cache=MODE and samples the process's resident set every second
# (docs/performance.md, "Decoded pictures on disk"). usage: scripts/measure-data-cache.sh FOLDER NAME MODE MINUTES
# Writes runs/measure/NAME/ (console.txt, run.log, metrics.csv, rss.txt: unix time, VmRSS kB, VmHWM kB) and prints
# the wall time and the peak resident set. The cache goes to $SHARPGAN_DECODED_CACHE when set. MINUTES 0: one whole
# epoch. CORE (default 0) is the core it is pinned to, so two modes can run side by side on a 2-core machine; SIZE
# (default 128) the picture side.
set -u
folder=$1; name=$2; mode=$3; minutes=$4
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${SHARPGAN_CLI:-$root/src/SharpGan.Cli/bin/Debug/net10.0/SharpGan.Cli}   # a copy elsewhere keeps a long measurement apart from rebuilds
out=$root/runs/measure/$name
rm -rf "$out"; mkdir -p "$out"
start=$(date +%s.%N)
# One core, as the machine is shared; a small DCGAN so that the data path is a visible share of a step.
nice -n 5 taskset -c "${CORE:-0}" "$cli" train --data "$folder" --size "${SIZE:-128}" --out "$out" --overwrite \
  --set data.cache="$mode" --set train.minutes="$minutes" --set train.epochs=1 --set train.batch_size=64 \
  --set model.ngf=16 --set model.ndf=16 --set train.threads=1 --set output.gif=false --set output.tensor_board=false \
  > "$out/console.txt" 2>&1 &
pid=$!
peak=0
while kill -0 $pid 2>/dev/null; do
  rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null); hwm=$(awk '/VmHWM/{print $2}' /proc/$pid/status 2>/dev/null)
  [ -n "$rss" ] && echo "$(date +%s) $rss $hwm" >> "$out/rss.txt"
  [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
  sleep 1
done
wait $pid; rc=$?
echo "$name rc=$rc wall=$(echo "$(date +%s.%N) - $start" | bc) s peak_rss=$((peak / 1024)) MB"
grep -h "pictures" "$out/console.txt"
tail -1 "$out/metrics.csv"
