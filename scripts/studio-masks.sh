#!/usr/bin/env bash
# docs/studio.md's end-to-end check: four masks (top-left, bottom-right, a band, two blobs) drawn for a mask run and
# sent to the studio's mask endpoint, the bytes a painted canvas sends; printed is the segmenter's IoU between each
# painted mask and where it finds the object in the picture, for several seeds. Needs ImageMagick's convert for the masks.
#   scripts/studio-masks.sh RUN SEGMENTER.safetensors [SEEDS]     (SHARPGAN="dotnet path/to/SharpGan.Cli.dll" to pick a build)
set -euo pipefail
run=$1
segmenter=$2
seeds=${3:-0 1 2 3 4 5 6 7}
sharpgan=${SHARPGAN:-sharpgan}
size=$(grep -o '"image_size": *[0-9]*' "$run/config.json" | grep -o '[0-9]*$')
work=$(mktemp -d)
$sharpgan studio "$run" --segmenter "$segmenter" --port 0 >"$work/log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
h=$((size / 2)); q=$((size / 4)); e=$((size - 1))
convert -size "${size}x${size}" xc:black -fill white -draw "rectangle 0,0 $((h - 1)),$((h - 1))" "$work/top-left.png"
convert -size "${size}x${size}" xc:black -fill white -draw "rectangle $h,$h $e,$e" "$work/bottom-right.png"
convert -size "${size}x${size}" xc:black -fill white -draw "rectangle 0,$((q + q / 2)) $e,$((h + q / 2 - 1))" "$work/band.png"
convert -size "${size}x${size}" xc:black -fill white -draw "circle $q,$q $q,$((q + q * 3 / 4))" -draw "circle $((3 * q)),$((3 * q)) $((3 * q)),$((3 * q + q * 3 / 4))" "$work/two-blobs.png"
for _ in $(seq 1 600); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/log" || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the studio did not start" >&2; exit 1; }
grep '^studio' "$work/log"
for mask in top-left bottom-right band two-blobs; do
  ious=()
  for seed in $seeds; do
    ious+=("$(curl -s -H 'Content-Type: image/png' --data-binary "@$work/$mask.png" "${url}api/mask?seed=$seed" | grep -o '"iou":[0-9.eE-]*' | cut -d: -f2)")
  done
  printf '%s: IoU per seed %s; mean %s\n' "$mask" "${ious[*]}" "$(printf '%s\n' "${ious[@]}" | awk '{ s += $1 } END { printf "%.3f", s / NR }')"
done
