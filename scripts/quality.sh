#!/usr/bin/env bash
# The measurements of docs/quality.md.
#   scripts/quality.sh main-job [OUT] [SEEDS] [PRECISIONS] [SWITCHES]
#       the README's main job per seed × precision (defaults: runs/quality/main-job, "1 2 3", "fp32 bf16"), two
#       at a time on a core each with one torch thread, evaluated every 25 epochs under the emoji-google domain
#       backbone; then the final grids in one figure. SWITCHES are added to every run (the job as it was before
#       800 epochs and the ramp-down: "--epochs 500 --set tricks.lr_ramp_down=0")
#   scripts/quality.sh equal-time DATA OUT MINUTES [SIZE] [RECIPES]
#       the recipes on DATA (default all four: "dcgan r3gan dcgan-diffaugment dcgan-ada"), each for MINUTES of training
#       on one core of its own (two at a time, pinned with taskset, one torch thread each, so a pair shares nothing
#       but the memory bus); SIZE defaults to 64
#   scripts/quality.sh subset DATA OUT N
#       every N-th picture of DATA linked into OUT (N = 10: the 10 % subset)
#   scripts/quality.sh reference DATA OUT N
#       N pictures of DATA linked into OUT, picked by the MD5 of their names (the same pick on any machine): the real
#       side of `evaluate`
#   scripts/quality.sh evaluate RUN REAL [COUNT] [domain]
#       a run's final generator (its EMA when kept) against REAL under the domain backbone and (unless the fourth
#       word is "domain") nsfwjs-inception-v3/pool, COUNT samples (default 1000) → RUN/quality-domain.json,
#       RUN/quality-inception.json (on one core of a 2-core EPYC: ~11 minutes for the reference's 299-px Inception
#       features, cached after the first run, and ~9 for the samples'; peak RSS 6.2 GB)
# The domain backbone is made once from data/emoji-google (scripts/fetch-emoji.sh vendor --vendor google).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/SharpGan.Cli -c Release -v q -nologo >/dev/null
sharpgan() { dotnet src/SharpGan.Cli/bin/Release/net10.0/SharpGan.Cli.dll "$@"; }

readonly backbone=backbones/emoji-google-64.sgb
domain_backbone() {
  [[ -f $backbone ]] && return
  [[ -d data/emoji-google ]] || scripts/fetch-emoji.sh vendor --vendor google --out data/emoji-google
  sharpgan eval backbone train --data data/emoji-google --out "$backbone"
}

# the residual preset as it was for the first measurements (R1 + R2 on every step, Adam 2e-4, adaptive ADA), which
# the recipes named r3gan* vary
readonly every_step="--config configs/r3gan-64.yaml --set tricks.r_interval=1 --set train.lr_g=0.0002 --set train.lr_d=0.0002 --set tricks.ada=adaptive"
# name → the config switches of each recipe of the equal-time comparison; the DCGAN ones without the EMA and
# ADA that are defaults now, as DCGAN trained before them
readonly plain="--set tricks.ema_kimg=0 --set tricks.ada=off"
declare -A recipes=(
  [dcgan]="$plain"
  [dcgan-ema]="--set tricks.ada=off"   # DCGAN as it trains now, less the ADA that measured worse at 20 minutes
  [dcgan-diffaugment]="$plain --set tricks.diff_augment=color,translation,cutout"
  [dcgan-ada]="--set tricks.ema_kimg=0 --set tricks.ada=adaptive"
  [r3gan]="$every_step"
  [r3gan-lazy]="$every_step --set tricks.r_interval=16"
  [r3gan-lr4]="$every_step --set train.lr_g=0.0004 --set train.lr_d=0.0004"
  [r3gan-lr8]="$every_step --set train.lr_g=0.0008 --set train.lr_d=0.0008"
  [r3gan-lazy-lr4]="--config configs/r3gan-64.yaml --set tricks.ada=adaptive"   # the preset from the 40-minute runs
  [r3gan-preset]="--config configs/r3gan-64.yaml"   # the same without ADA: the preset since ADA ran away with it
  [r3gan-scheduled]="--config configs/r3gan-64.yaml --set tricks.ada=scheduled --set tricks.ada_p=0.3 --set tricks.ada_kimg=50"   # R3GAN's p schedule
  [r3gan-lazy-half]="$every_step --set tricks.r_interval=16 --set model.ngf=32 --set model.ndf=16"
  [r3gan-lazy-lr8]="$every_step --set tricks.r_interval=16 --set train.lr_g=0.0008 --set train.lr_d=0.0008"
)

case ${1:-} in
  main-job)
    out=${2:-runs/quality/main-job}
    seeds=${3:-1 2 3}
    # bf16 only where the CPU has it natively (train.precision=bf16 is refused elsewhere)
    precisions=${4:-$(grep -q -e avx512_bf16 -e amx_bf16 /proc/cpuinfo && echo "fp32 bf16" || echo fp32)}
    read -r -a switches <<<"${5:-}"
    domain_backbone
    runs=()
    for precision in $precisions; do
      for seed in $seeds; do runs+=("$out/$precision-seed$seed"); done
    done
    mkdir -p "$out"
    # two at a time, each pinned to a core of its own with one torch thread, as equal-time does
    for ((i = 0; i < ${#runs[@]}; i += 2)); do
      pids=()
      for core in 0 1; do
        [[ -n ${runs[i + core]:-} ]] || continue
        run=${runs[i + core]}
        name=${run##*/}
        taskset -c "$core" dotnet src/SharpGan.Cli/bin/Release/net10.0/SharpGan.Cli.dll train --seed "${name##*-seed}" \
          --set train.precision="${name%%-seed*}" --set train.threads=1 --eval-every 25 --eval-backbone "$backbone" \
          --set output.gif=false "${switches[@]}" --out "$run" --overwrite >"$run.log" 2>&1 &
        pids+=($!)
      done
      for pid in "${pids[@]}"; do wait "$pid" || echo "a run stopped early: see its .log" >&2; done
    done
    sharpgan compare "${runs[@]}" --out "$out/compare" --overwrite
    ;;
  equal-time)
    data=${2:?DATA}; out=${3:?OUT}; minutes=${4:?MINUTES}; size=${5:-64}
    read -r -a names <<<"${6:-dcgan r3gan dcgan-diffaugment dcgan-ada}"
    mkdir -p "$out"
    for ((i = 0; i < ${#names[@]}; i += 2)); do
      pids=()
      for core in 0 1; do
        [[ -n ${names[i + core]:-} ]] || continue   # an odd count: the last one runs alone
        name=${names[i + core]}
        # shellcheck disable=SC2086  # the recipe's switches are words
        taskset -c "$core" dotnet src/SharpGan.Cli/bin/Release/net10.0/SharpGan.Cli.dll train --data "$data" --size "$size" \
          ${recipes[$name]} --set train.minutes="$minutes" --set train.epochs=100000 --set train.threads=1 \
          --set output.gif=false --out "$out/$name" --overwrite >"$out/$name.log" 2>&1 &
        pids+=($!)
      done
      for pid in "${pids[@]}"; do wait "$pid" || echo "a run stopped early: see its .log" >&2; done
    done
    sharpgan compare "${names[@]/#/$out/}" --out "$out/compare" --overwrite
    ;;
  subset)
    data=${2:?DATA}; out=${3:?OUT}; every=${4:?N}
    mkdir -p "$out"
    find "$data" -maxdepth 1 -type f ! -name 'LICENSE*' | sort | awk -v n="$every" 'NR % n == 1' |
      while read -r file; do ln -sf "$(realpath "$file")" "$out/"; done
    echo "$(find "$out" -maxdepth 1 | tail -n +2 | wc -l) pictures in $out"
    ;;
  reference)
    data=${2:?DATA}; out=${3:?OUT}; count=${4:?N}
    mkdir -p "$out"
    find "$data" -maxdepth 1 -type f ! -name 'LICENSE*' | while read -r file; do
      echo "$(printf '%s' "${file##*/}" | md5sum | cut -c1-32) $file"
    done | sort | head -n "$count" | cut -d' ' -f2- |
      while read -r file; do ln -sf "$(realpath "$file")" "$out/"; done
    echo "$(find "$out" -maxdepth 1 | tail -n +2 | wc -l) pictures in $out"
    ;;
  evaluate)
    run=${2:?RUN}; real=${3:?REAL}; count=${4:-1000}
    domain_backbone
    sharpgan eval --real "$real" --checkpoint "$run" -n "$count" --backbone "$backbone" --out "$run/quality-domain.json" --overwrite | tail -4
    [[ ${5:-} == domain ]] || sharpgan eval --real "$real" --checkpoint "$run" -n "$count" --backbone nsfwjs-inception-v3/pool --out "$run/quality-inception.json" --overwrite | tail -4
    ;;
  *)
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
    exit 1
    ;;
esac
