#!/bin/bash
# How an epoch's time and the resident set grow with the number of pictures, held in memory and read from the decoded
# cache on disk (docs/performance.md, "How cost grows"). usage: scripts/measure-data-growth.sh FOLDER SIZE COUNTS...
# For each count, the first COUNT pictures of FOLDER (sorted) are linked into data/growth-COUNT/, then one whole epoch
# is trained in each mode side by side (memory on core 0, disk on core 1) by scripts/measure-data-cache.sh; prints
# one line per count and mode: epoch seconds (the steps alone), the whole wall time and the peak resident set.
set -u
folder=$1; size=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
for count in "$@"; do
  set_dir=$root/data/growth-$count
  if [[ ! -d $set_dir ]]; then
    mkdir -p "$set_dir"
    find "$folder" -maxdepth 1 -type f -name '*.png' | sort | head -n "$count" | while read -r f; do ln -s "$(realpath "$f")" "$set_dir/"; done
  fi
  CORE=0 SIZE=$size "$root/scripts/measure-data-cache.sh" "$set_dir" "growth-$count-memory" memory 0 > "$root/runs/measure/growth-$count-memory.out" 2>&1 &
  CORE=1 SIZE=$size "$root/scripts/measure-data-cache.sh" "$set_dir" "growth-$count-disk" disk 0 > "$root/runs/measure/growth-$count-disk.out" 2>&1 &
  wait
  for mode in memory disk; do
    run=$root/runs/measure/growth-$count-$mode
    epoch=$(awk -F, 'NR == 2 { print $8 }' "$run/metrics.csv")
    echo "$count $mode epoch_s=$epoch $(head -1 "$root/runs/measure/growth-$count-$mode.out" | grep -o 'wall=[0-9.]* s peak_rss=[0-9]* MB')"
  done
done
