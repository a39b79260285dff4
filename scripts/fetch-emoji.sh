#!/usr/bin/env bash
# Builds SharpGan's emoji training data from the emoji-datasource npm packages
# (64x64 RGBA PNGs). Only the Google (Noto, Apache-2.0) and Twitter (Twemoji,
# CC-BY 4.0) sets are used: the Apple and Facebook sets are not licensed for reuse.
set -euo pipefail

readonly DATASOURCE_VERSION=16.0.0
readonly VENDORS=(google twitter)

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/.." && pwd)"

usage() {
  cat <<EOF
Usage:
  scripts/fetch-emoji.sh [flowers] [--out DIR] [--cache DIR]
  scripts/fetch-emoji.sh vendor --vendor google|twitter [--out DIR] [--cache DIR]
  scripts/fetch-emoji.sh people --vendor google|twitter [--out DIR] [--cache DIR]

Modes:
  flowers  (default) Flower and plant emoji (subcategories plant-flower and
           plant-other) from both vendors, flat: DIR/<vendor>-<short_name>.png,
           plus manifest.csv (file,vendor,short_name,subcategory) and license
           files. Default DIR: data/flowers (committed to the repository).
  vendor   Every base emoji of one vendor, one folder per category:
           DIR/<category-slug>/<short_name>.png, plus labels.csv
           (file,category,subcategory) and license files.
           Default DIR: data/emoji-<vendor> (git-ignored, not committed).
  people   Attribute tags: every person emoji of one vendor in every skin tone,
           DIR/<skin>/<short_name>[-<tone>].png, plus tags.csv (file,tags:
           'skin <tone>', man/woman/person, hair, couple) and tag-groups.txt
           (skin and who are exclusive). Couples of two tones are kept under
           two-tones/ with two skin tags, for the run to drop and report.
           Default DIR: data/people-<vendor> (git-ignored, not committed).

Options:
  --vendor NAME  google or twitter (vendor mode only)
  --out DIR      output folder
  --cache DIR    where the npm tarballs are kept and unpacked
                 (default: \${XDG_CACHE_HOME:-\$HOME/.cache}/sharpgan/npm)
  -h, --help     show this help

Skin-tone variants are skipped except in people mode. Uses emoji-datasource-<vendor>@$DATASOURCE_VERSION;
downloads are reused from the cache, and re-running gives the same files.
EOF
}

die() {
  echo "fetch-emoji: $*" >&2
  exit 1
}

mode=flowers
vendor=""
out=""
cache="${XDG_CACHE_HOME:-$HOME/.cache}/sharpgan/npm"

if [[ $# -gt 0 && $1 != -* ]]; then
  mode=$1
  shift
fi
while [[ $# -gt 0 ]]; do
  if [[ $1 == --vendor || $1 == --out || $1 == --cache ]] && [[ $# -lt 2 ]]; then
    die "$1 needs a value"
  fi
  case $1 in
    --vendor) vendor=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

case $mode in
  flowers)
    [[ -z $vendor ]] || die "--vendor is only for vendor mode (flowers uses both vendors)"
    out=${out:-$repo_root/data/flowers}
    ;;
  vendor | people)
    [[ $vendor == google || $vendor == twitter ]] || die "$mode mode needs --vendor google or --vendor twitter"
    [[ $mode == vendor ]] && out=${out:-$repo_root/data/emoji-$vendor} || out=${out:-$repo_root/data/people-$vendor}
    ;;
  *) usage >&2; die "unknown mode: $mode" ;;
esac

command -v npm >/dev/null || die "npm not found: install Node.js 20+ with npm (e.g. apt-get install nodejs npm)"
command -v node >/dev/null || die "node not found: install Node.js 20+"
command -v tar >/dev/null || die "tar not found"

# Prints the path of the unpacked package/ folder for a vendor, downloading
# and unpacking only what is missing from the cache.
fetch_package() {
  local v=$1
  local name="emoji-datasource-$v-$DATASOURCE_VERSION"
  local tgz="$cache/$name.tgz" dir="$cache/$name"
  mkdir -p "$cache"
  if [[ ! -f $tgz ]]; then
    echo "fetch-emoji: npm pack emoji-datasource-$v@$DATASOURCE_VERSION" >&2
    local tmp
    tmp=$(mktemp -d "$cache/.pack.XXXXXX")
    # Pack into a scratch folder and move, so an interrupted download never
    # leaves a truncated tarball that later runs would trust.
    (cd "$tmp" && npm pack --silent "emoji-datasource-$v@$DATASOURCE_VERSION" >/dev/null)
    mv "$tmp/$name.tgz" "$tgz"
    rm -rf "$tmp"
  fi
  if [[ ! -f $dir/package/.complete ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    # Only the 64px images are used; the sprite sheets are most of the package.
    tar xzf "$tgz" -C "$dir" package/emoji.json package/LICENSE "package/img/$v/64"
    touch "$dir/package/.complete"
  fi
  echo "$dir/package"
}

# License notices, one Markdown section per vendor.
notice_google() {
  cat <<EOF
## Noto Emoji by Google — Apache License 2.0

- Artwork: [Noto Emoji](https://github.com/googlefonts/noto-emoji) (v2.048) by Google.
- License: Apache License, Version 2.0. The full text is in
  [LICENSE-Apache-2.0.txt](LICENSE-Apache-2.0.txt) and at
  <https://www.apache.org/licenses/LICENSE-2.0>.
- Source: npm package \`emoji-datasource-google@$DATASOURCE_VERSION\`
  (<https://www.npmjs.com/package/emoji-datasource-google>), folder \`img/google/64/\`.
- Changes: none; the files are copied as shipped and only renamed.
EOF
}

notice_twitter() {
  cat <<EOF
## Twemoji by Twitter, Inc and other contributors — CC-BY 4.0

> Twemoji graphics: Copyright 2020 Twitter, Inc and other contributors.
> Graphics licensed under CC-BY 4.0: <https://creativecommons.org/licenses/by/4.0/>

- Artwork: [Twemoji](https://github.com/jdecked/twemoji) (the community-maintained fork
  of <https://github.com/twitter/twemoji>, v16.0.1).
- License: Creative Commons Attribution 4.0 International (CC-BY 4.0),
  <https://creativecommons.org/licenses/by/4.0/> (legal code:
  <https://creativecommons.org/licenses/by/4.0/legalcode>).
- Source: npm package \`emoji-datasource-twitter@$DATASOURCE_VERSION\`
  (<https://www.npmjs.com/package/emoji-datasource-twitter>), folder \`img/twitter/64/\`.
- Changes: none by SharpGan; the files are emoji-datasource's 64x64 PNG renderings
  of the Twemoji artwork, copied as shipped and only renamed.
EOF
}

# write_licenses NOTE PKGDIR VENDOR...: writes LICENSE.md (NOTE says which files
# are whose, then one section per VENDOR) and the license texts it links to.
write_licenses() {
  local files_note=$1 pkg=$2
  shift 2
  {
    echo "# Licenses for the images in this folder"
    echo
    echo "These images are third-party artwork, not covered by SharpGan's own license."
    echo "They were copied by \`scripts/fetch-emoji.sh\` from the emoji-datasource npm"
    echo "packages (<https://github.com/iamcal/emoji-data>)."
    echo "$files_note"
    echo
    echo "The emoji-datasource data and tooling are MIT-licensed (Cal Henderson); that"
    echo "license, as shipped in the packages, is in"
    echo "[LICENSE-emoji-datasource-MIT.txt](LICENSE-emoji-datasource-MIT.txt)."
    for v in "$@"; do
      echo
      "notice_$v"
    done
  } >"$out/LICENSE.md"
  cp "$pkg/LICENSE" "$out/LICENSE-emoji-datasource-MIT.txt"
  # The packages ship no Apache-2.0 text, and the license requires handing it
  # on with the images, so a copy is kept next to this script.
  if [[ " $* " == *" google "* ]]; then
    cp "$script_dir/licenses/Apache-2.0.txt" "$out/LICENSE-Apache-2.0.txt"
  else
    rm -f "$out/LICENSE-Apache-2.0.txt"
  fi
}

mkdir -p "$out"
if [[ $mode == flowers ]]; then
  pkg_args=()
  for v in "${VENDORS[@]}"; do
    pkg_args+=(--pkg "$v=$(fetch_package "$v")")
  done
  node "$script_dir/emoji-select.mjs" flowers --out "$out" "${pkg_args[@]}"
  # Both packages ship the same MIT LICENSE file, so the first one's is used.
  write_licenses "Files named \`google-*.png\` are Noto Emoji; files named \`twitter-*.png\` are Twemoji." \
    "${pkg_args[1]#*=}" "${VENDORS[@]}"
else
  pkg=$(fetch_package "$vendor")
  node "$script_dir/emoji-select.mjs" "$mode" --out "$out" --pkg "$vendor=$pkg"
  write_licenses "All images here are from the $vendor set." "$pkg" "$vendor"
fi
