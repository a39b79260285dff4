#!/usr/bin/env bash
# The losses-and-tricks comparison of docs/losses-and-tricks.md: BCE, WGAN (clip), WGAN-GP, LSGAN, and BCE with
# the location-constrained flower GAN's tricks (docs/credits.md), on the built-in flowers at 32 px with the same
# budget (epochs, batch, seed, G and D sizes), then a Markdown table from each run's metrics.csv and a picture of the
# final grids side by side.
# Usage: scripts/compare-losses.sh [EPOCHS] [OUT]      (defaults: 300 runs/compare; TABLE_ONLY=1 redoes the table)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-300}
out=${2:-runs/compare}
dotnet build src/SharpGan.Cli -c Release -v q -nologo >/dev/null
sharpgan() { dotnet src/SharpGan.Cli/bin/Release/net10.0/SharpGan.Cli.dll "$@"; }

# Same networks for every run (ngf = ndf = 64: no "G bigger than D" head start) except where the recipe itself
# changes them; the collapse watch only observes (warn) so that every run goes the distance.
common=(--epochs "$epochs" --seed 1 --set model.ngf=64 --set model.ndf=64 --set train.batch_size=16
        --set collapse.epochs=10 --set collapse.action=warn --set output.gif=false)
declare -A runs=(
  [bce]=""
  [wgan-clip]="--config configs/wgan-clip.yaml"
  [wgan-gp]="--config configs/wgan-gp.yaml"
  [lsgan]="--config configs/lsgan.yaml"
  [bce-flower-tricks]="--config configs/flowers-tricks.yaml"
)
order=(bce wgan-clip wgan-gp lsgan bce-flower-tricks)
mkdir -p "$out/logs"
for name in "${order[@]}"; do
  [ -n "${TABLE_ONLY:-}" ] && break
  extra=()
  [ "$name" = bce-flower-tricks ] && extra=(--set model.ngf=128)   # the flower GAN's ngf 128 > ndf 64 is one of the tricks
  echo "== $name"
  start=$(date +%s)
  # shellcheck disable=SC2086
  sharpgan train ${runs[$name]} "${common[@]}" "${extra[@]}" --out "$out/$name" > "$out/logs/$name.log" 2>&1 || echo "   exit $? (see $out/logs/$name.log)"
  echo "$(( $(date +%s) - start ))" > "$out/$name/wall_seconds"
done

table="$out/table.md"
{
  echo "| run | wall s | G updates | final loss D | final loss G | D accuracy, epochs 1–10 / middle 10 / last 10 | first collapse epoch (D acc ≥ 99 % for 10 epochs) |"
  echo "|---|---|---|---|---|---|---|"
  for name in "${order[@]}"; do
    awk -F, -v name="$name" -v wall="$(cat "$out/$name/wall_seconds")" '
      NR > 1 { n++; d[n] = $3; g[n] = $4; a[n] = $7; gsteps = $9 }
      END {
        ld = 0; lg = 0; k = 0
        kg = 0
        for (i = n - 9; i <= n; i++) if (i > 0) { ld += d[i]; k++; if (tolower(g[i]) != "nan") { lg += g[i]; kg++ } }
        a1 = 0; for (i = 1; i <= 10 && i <= n; i++) a1 += a[i]
        m = int(n / 2) - 4; am = 0; for (i = m; i < m + 10; i++) if (i > 0) am += a[i]
        al = 0; for (i = n - 9; i <= n; i++) if (i > 0) al += a[i]
        collapse = "none"; streak = 0
        for (i = 1; i <= n; i++) { if (a[i] >= 0.99) streak++; else streak = 0; if (streak == 10 && collapse == "none") collapse = i }
        lgText = kg > 0 ? sprintf("%.3f", lg / kg) : "no G update"
        printf "| %s | %s | %s | %.3f | %s | %.0f %% / %.0f %% / %.0f %% | %s |\n", name, wall, gsteps, ld / k, lgText, a1 * 10, am * 10, al * 10, collapse
      }' "$out/$name/metrics.csv"
  done
} > "$table"
cat "$table"

sharpgan compare $(for name in "${order[@]}"; do echo "$out/$name"; done) --out "$out/compare" --overwrite > /dev/null
cp "$out/compare/grids.png" "$out/final-grids.png"
echo "grids: $out/final-grids.png (left to right: ${order[*]})"
