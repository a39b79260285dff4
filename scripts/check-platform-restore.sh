#!/usr/bin/env bash
# Which libtorch a restore of the library for RID brings (docs/platforms.md): restores a copy of src/SharpGan for
# that runtime identifier, outside the work tree, into a throwaway packages folder that falls back on the global
# NuGet cache (so only what the cache lacks is downloaded, and the cache never gets another OS's 0.6 GB), and
# prints the libtorch packages the assets file resolved. Passes when it is exactly libtorch-cpu-RID.
# Usage: scripts/check-platform-restore.sh [RID]          (default win-x64; also linux-x64, osx-arm64)
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-win-x64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/scripts"
cp Directory.Build.props Directory.Packages.props "$work/"
cp -r src/SharpGan "$work/src/"
rm -rf "$work/src/SharpGan/bin" "$work/src/SharpGan/obj"
cp scripts/export-nsfwjs.cjs "$work/scripts/"
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
dotnet restore "$work/src/SharpGan/SharpGan.csproj" -r "$rid" --packages "$work/packages" -p:RestoreFallbackFolders="$cache" -v q -nologo
resolved=$(grep -oE '"libtorch-[a-z0-9.-]+/[0-9.]+"' "$work/src/SharpGan/obj/project.assets.json" | tr -d '"' | sort -u)
echo "restore -r $rid resolved: $resolved"
echo "downloaded beside the cache: $(ls "$work/packages" 2>/dev/null | tr '\n' ' ')"
[ "$resolved" = "libtorch-cpu-$rid/$(grep -oP '<LibTorchVersion>\K[^<]+' Directory.Packages.props)" ]
