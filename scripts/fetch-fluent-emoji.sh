#!/usr/bin/env bash
# Unpacks Microsoft's Fluent Emoji 3D pictures (256x256 RGBA WebP, MIT) from the
# npm package @lobehub/fluent-emoji-3d into a folder, with their licence, for
# 256-px image-to-image work (edges2emoji, in the spirit of edges2handbags):
#   scripts/fetch-fluent-emoji.sh [--out DIR] [--cache DIR]
#   sharpgan data pairs DIR pairs256 --kind edges --size 256 --test 0.1
set -euo pipefail

readonly PACKAGE=@lobehub/fluent-emoji-3d
readonly VERSION=1.1.0

out=""
cache="${XDG_CACHE_HOME:-$HOME/.cache}/sharpgan/npm"
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) out=${2:?--out needs a value}; shift 2 ;;
    --cache) cache=${2:?--cache needs a value}; shift 2 ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fetch-fluent-emoji: unknown argument: $1" >&2; exit 1 ;;
  esac
done
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out=${out:-$script_dir/../data/fluent-emoji-3d}
command -v npm >/dev/null || { echo "fetch-fluent-emoji: npm not found: install Node.js 20+ with npm" >&2; exit 1; }

tgz="$cache/lobehub-fluent-emoji-3d-$VERSION.tgz"
if [[ ! -f $tgz ]]; then
  mkdir -p "$cache"
  tmp=$(mktemp -d "$cache/.pack.XXXXXX")
  # Packed into a scratch folder and moved, so an interrupted download never leaves a tarball later runs would trust.
  (cd "$tmp" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
  mv "$tmp/lobehub-fluent-emoji-3d-$VERSION.tgz" "$tgz"
  rm -rf "$tmp"
fi

mkdir -p "$out"
tar xzf "$tgz" -C "$out" --strip-components=2 package/assets
# The package ships no licence file; its package.json says MIT and Microsoft's Fluent Emoji repository
# (github.com/microsoft/fluentui-emoji) carries the MIT licence below, which must travel with the pictures.
cat >"$out/LICENSE.md" <<LICENSE
# Licence of the pictures in this folder

Fluent Emoji 3D by Microsoft (<https://github.com/microsoft/fluentui-emoji>), as packaged in the npm package
\`$PACKAGE@$VERSION\` by LobeHub (<https://github.com/lobehub/fluent-emoji>, MIT). Copied unchanged by
SharpGan's \`scripts/fetch-fluent-emoji.sh\`; file names are the emoji's code points.

MIT License

Copyright (c) Microsoft Corporation.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENSE
echo "fetch-fluent-emoji: $(find "$out" -name '*.webp' | wc -l) pictures → $out"
