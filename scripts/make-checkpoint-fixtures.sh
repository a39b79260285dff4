#!/usr/bin/env bash
# Writes one tiny checkpoint per GAN kind and architecture with a given (older) SharpGan build, and what that build
# sampled from each, into tests/fixtures/checkpoints/NAME.ckpt + NAME.png. Kept so that every checkpoint SharpGan ever
# wrote still loads and draws the same picture (tests/SharpGan.Tests/Training/OldCheckpointTests.cs).
#   scripts/make-checkpoint-fixtures.sh PATH/TO/SharpGan.Cli.dll [PREFIX]
# Run it with the build of the commit that wrote a format, e.g. a worktree of 64e3abb for format 1 (PREFIX format1).
set -euo pipefail
cli=(dotnet "$1")
prefix=${2:-format1}
cd "$(dirname "$0")/.."
out=tests/fixtures/checkpoints
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# Data: the built-in flowers in one folder per subcategory, tags from vendor and subcategory, tiny edge pairs,
# and four 32-px composite masks to sample with.
while IFS=, read -r file vendor _ subcategory; do
  [ "$file" = file ] && continue
  mkdir -p "$work/classes/$subcategory" && cp "data/flowers/$file" "$work/classes/$subcategory/"
  echo "$file,$vendor;$subcategory" >>"$work/tags.csv"
done <data/flowers/manifest.csv
"${cli[@]}" data pairs tests/fixtures/tiny "$work/pairs" --kind edges --size 32 >/dev/null
"${cli[@]}" data composite data/flowers "$work/composite" --count 4 --size 32 --seed 1 >/dev/null

tiny=(--size 32 --seed 3 --epochs 1 --set model.ngf=8 --set model.ndf=8 --set model.latent=16x1x1 --set train.batch_size=8
      --set train.sample_count=4 --set output.gif=false --set output.tensor_board=false --set train.deterministic=true
      --set train.precision=fp32 --set train.layout=nchw)
fp32=(--precision fp32 --layout nchw)

train() { local name=$1; shift; "${cli[@]}" train --out "$work/$name" "$@" >/dev/null; cp "$work/$name/checkpoints/last.ckpt" "$out/$prefix-$name.ckpt"; }

train dcgan-ema --data tests/fixtures/tiny "${tiny[@]}" --set train.batch_size=4 --set tricks.ema=0.9
"${cli[@]}" sample --checkpoint "$work/dcgan-ema" -n 4 --grid --seed 7 "${fp32[@]}" --out "$out/$prefix-dcgan-ema.png" >/dev/null

for arch in dense-dcgan srresnet dcgan-5x5; do
  # dense-dcgan's stem is a dense 1024 → ngf·16·16 layer: ngf 1 keeps its checkpoint near 3 MB.
  train "$arch" --data tests/fixtures/tiny "${tiny[@]}" --set train.batch_size=4 --set model.architecture=$arch --set model.residual_blocks=2 \
    $([ "$arch" = dense-dcgan ] && echo --set model.ngf=1)
  "${cli[@]}" sample --checkpoint "$work/$arch" -n 4 --grid --seed 7 "${fp32[@]}" --out "$out/$prefix-$arch.png" >/dev/null
done

train acgan --data "$work/classes" "${tiny[@]}" --set data.labels=folders --set model.conditioning=acgan
"${cli[@]}" sample --checkpoint "$work/acgan" --class-grid -n 2 --seed 7 "${fp32[@]}" --out "$out/$prefix-acgan.png" >/dev/null

train tags --data data/flowers "${tiny[@]}" --set data.labels=tags --set data.tags_file="$work/tags.csv" --set model.conditioning=acgan
"${cli[@]}" sample --checkpoint "$work/tags" --grid -n 2 --tags "google,plant-flower|twitter,plant-other" --seed 7 "${fp32[@]}" --out "$out/$prefix-tags.png" >/dev/null

train semi-supervised --data "$work/classes" "${tiny[@]}" --set data.labels=folders --set model.conditioning=semi-supervised --set data.labelled_fraction=0.5
"${cli[@]}" sample --checkpoint "$work/semi-supervised" -n 4 --grid --seed 7 "${fp32[@]}" --out "$out/$prefix-semi-supervised.png" >/dev/null

train mask --data data/flowers "${tiny[@]}" --set data.masks=alpha --set model.conditioning=mask --set model.latent=16x2x2
mkdir -p "$out/$prefix-masks" && cp "$work/composite/masks/"*.png "$out/$prefix-masks/"
"${cli[@]}" sample --checkpoint "$work/mask" --mask "$out/$prefix-masks" --figure -n 4 --seed 7 "${fp32[@]}" --out "$out/$prefix-mask.png" >/dev/null

"${cli[@]}" translate train --data "$work/pairs" --out "$work/pix2pix" --size 32 --epochs 1 --seed 3 --holdout 2 \
  --set model.ngf=8 --set model.ndf=8 --set model.u_net_depth=3 --set model.max_multiplier=2 --set output.gif=false --set output.tensor_board=false --set train.deterministic=true \
  --set train.precision=fp32 --set train.layout=nchw >/dev/null
cp "$work/pix2pix/checkpoints/last.ckpt" "$out/$prefix-pix2pix.ckpt"
first=$(ls "$work/pairs/A" | head -1)
cp "$work/pairs/A/$first" "$out/$prefix-pix2pix-input.png"
"${cli[@]}" translate run --checkpoint "$work/pix2pix" --in "$out/$prefix-pix2pix-input.png" --out "$work/translated" --seed 7 >/dev/null
cp "$work/translated/"*.png "$out/$prefix-pix2pix.png"
ls -la "$out"
