#!/usr/bin/env bash
# kill -9 torture: trains a small deterministic run on the built-in flowers, killing it KILLS times (default 20) at
# random moments — every third kill while a checkpoint is being written — and resuming after each. After every kill
# each checkpoint on disk must verify; at the end the run must be bit-identical to one that was never interrupted
# (every checkpoint entry but the manifest and config, every grid, every metrics.csv column but the seconds).
# Finally one flipped byte in the last checkpoint must be found, and resuming must fall back to the previous one.
#   scripts/kill-torture.sh [KILLS] [EPOCHS]
set -euo pipefail
kills=${1:-20}
epochs=${2:-150}
cd "$(dirname "$0")/.."
dotnet build src/SharpGan.Cli -c Release -nologo -v q >/dev/null
cli=(dotnet src/SharpGan.Cli/bin/Release/net10.0/SharpGan.Cli.dll)
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; echo "work: $work"
args=(--data data/flowers --size 32 --epochs "$epochs" --seed 3 --set model.ngf=16 --set model.ndf=16
      --set train.checkpoint_every=1 --set train.deterministic=true --set output.tensor_board=false)

echo "reference: $epochs epochs, uninterrupted"
"${cli[@]}" train "${args[@]}" --out "$work/reference" >"$work/reference.log" 2>&1

run=$work/tortured
# One life: resume when a checkpoint exists (a kill may come before the first one is written), else start afresh.
life() {
  if [ -e "$run/checkpoints/last.ckpt" ] || [ -e "$run/checkpoints/previous.ckpt" ]; then
    exec "${cli[@]}" train --resume "$run" >"$work/life.log" 2>&1
  else
    exec "${cli[@]}" train "${args[@]}" --out "$run" --overwrite >"$work/life.log" 2>&1
  fi
}
temp=$run/checkpoints/last.ckpt.tmp
killed=0 during_write=0 damaged=0 lives=0
while [ "$killed" -lt "$kills" ]; do
  touch "$work/life-start"
  life &
  pid=$!
  lives=$((lives + 1))
  if [ $((killed % 3)) -eq 2 ]; then
    # Wait until this life has begun writing a checkpoint (a temp file newer than its start).
    while kill -0 "$pid" 2>/dev/null && ! { [ -e "$temp" ] && [ "$temp" -nt "$work/life-start" ]; }; do sleep 0.002; done
  else
    sleep "$(printf '0.%03d' $((RANDOM % 1000)))"
    sleep $((RANDOM % 3))
  fi
  writing=0
  [ -e "$temp" ] && [ "$temp" -nt "$work/life-start" ] && writing=1
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    killed=$((killed + 1))
    during_write=$((during_write + writing))
  else
    wait "$pid" || { echo "a life exited on its own with an error:"; cat "$work/life.log"; exit 1; }
    if grep -q '^done' "$work/life.log"; then echo "the run finished after $killed kills; give it more epochs"; exit 1; fi
  fi
  verdicts=$("${cli[@]}" info "$run" 2>&1 | grep -E '^checkpoints/' || true)
  if grep -q damaged <<<"$verdicts"; then
    damaged=$((damaged + 1))
    echo "after kill $killed: $verdicts"
  fi
done
echo "$killed kills ($during_write while a checkpoint was being written) over $lives lives; resuming to the end"
(life) || { cat "$work/life.log"; exit 1; }

entries() { "${cli[@]}" info "$1" --entries | grep -E '\.bin|fixed_noise' ; }
metrics() { cut -d, -f1-7,9 "$1/metrics.csv"; }
grids() { (cd "$1/samples" && sha256sum epoch_*.png); }
identical=1
diff <(entries "$work/reference") <(entries "$run") >/dev/null || { echo "checkpoint entries differ"; identical=0; }
diff <(metrics "$work/reference") <(metrics "$run") >/dev/null || { echo "metrics.csv differs"; identical=0; }
diff <(grids "$work/reference") <(grids "$run") >/dev/null || { echo "grids differ"; identical=0; }

# One flipped byte in the middle of the last checkpoint: found, named, and the previous one stands in.
last=$run/checkpoints/last.ckpt
size=$(stat -c %s "$last")
printf '\xff' | dd of="$last" bs=1 seek=$((size / 2)) conv=notrunc status=none
flip_found=0 fell_back=0
"${cli[@]}" info "$run" 2>&1 | grep -q 'last.ckpt: damaged' && flip_found=1
"${cli[@]}" train --resume "$run" --epochs $((epochs + 1)) >"$work/life.log" 2>&1 && grep -q "using '.*previous.ckpt'" "$run/run.log" && fell_back=1

echo "damaged checkpoints seen after kills: $damaged"
echo "bit-identical to the uninterrupted run: $([ $identical -eq 1 ] && echo yes || echo no)"
echo "flipped byte found: $([ $flip_found -eq 1 ] && echo yes || echo no); resumed from previous.ckpt: $([ $fell_back -eq 1 ] && echo yes || echo no)"
[ "$damaged" -eq 0 ] && [ $identical -eq 1 ] && [ $flip_found -eq 1 ] && [ $fell_back -eq 1 ]
