#!/usr/bin/env bash
# The quality check of docs/performance.md: the README's main job (built-in flowers, 64 px, defaults) twice from
# one seed, once in fp32 NCHW and once in bf16 mixed precision (channels-last), then `sharpgan compare`: loss
# curves overlaid, final grids side by side, a table with the time each took.
# Usage: scripts/compare-precision.sh [EPOCHS] [OUT] [SEED]     (defaults: 500 runs/precision 1)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-500}
out=${2:-runs/precision}
seed=${3:-1}
dotnet build src/SharpGan.Cli -c Release -v q -nologo >/dev/null
sharpgan() { dotnet src/SharpGan.Cli/bin/Release/net10.0/SharpGan.Cli.dll "$@"; }
common=(--epochs "$epochs" --seed "$seed" --set output.gif=false --set output.tensor_board=false)
sharpgan train "${common[@]}" --set train.precision=fp32 --set train.layout=nchw --out "$out/fp32-nchw" | tail -1
sharpgan train "${common[@]}" --set train.precision=bf16 --set train.layout=channels-last --out "$out/bf16-channels-last" | tail -1
sharpgan compare "$out/fp32-nchw" "$out/bf16-channels-last" --out "$out/compare" --overwrite
