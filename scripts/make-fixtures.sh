#!/usr/bin/env bash
# Regenerates SharpGan's image-loader test fixtures from the committed emoji
# data in data/flowers (64x64 RGBA PNGs; Noto Emoji Apache-2.0 / Twemoji
# CC-BY 4.0, see data/flowers/LICENSE.md).
#
# Writes (replacing whatever is there):
#   tests/fixtures/formats/  one small file per decode case the loader must handle
#   tests/fixtures/tiny/     8 flower PNGs copied verbatim, for fast training tests
#   tests/fixtures/messy/    a user's messy folder for `data prepare`: the bad and odd files of formats/ plus a
#                            1x1 image, duplicate files and a nested folder-per-class layout
# tests/fixtures/README.md is hand-written and is not touched.
#
# Needs real ImageMagick (6 or 7, with WebP support: `apt-get install imagemagick`)
# and coreutils. Output is deterministic: metadata is stripped and re-running the
# script gives byte-identical files. The files are built in a temporary folder and
# only moved into place once every one of them has passed the checks at the end.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/.." && pwd)"
src="$repo_root/data/flowers"
fixtures="$repo_root/tests/fixtures"

die() { echo "make-fixtures: $*" >&2; exit 1; }

# --- Find real ImageMagick -------------------------------------------------
# Some machines carry a stand-in `convert` on PATH that is not ImageMagick, so
# prefer IM7's `magick`, then Debian's /usr/bin/convert, and check the version.
if command -v magick >/dev/null 2>&1; then
  IM=(magick)
elif [[ -x /usr/bin/convert ]]; then
  IM=(/usr/bin/convert)
elif command -v convert >/dev/null 2>&1; then
  IM=(convert)
else
  die "ImageMagick not found (apt-get install -y imagemagick)"
fi
"${IM[@]}" -version 2>/dev/null | grep -q '^Version: ImageMagick' \
  || die "'${IM[*]}' is not ImageMagick (apt-get install -y imagemagick)"
"${IM[@]}" -list format 2>/dev/null | grep -qE '^ *WEBP\*? ' \
  || die "this ImageMagick cannot write WebP"

[[ -d "$src" ]] || die "missing $src"
for f in google-tulip google-rose google-sunflower google-hibiscus \
         google-cherry_blossom google-lotus twitter-tulip; do
  [[ -f "$src/$f.png" ]] || die "missing $src/$f.png"
done

# im ARGS...: run the ImageMagick found above. Every write below passes -strip
# so the output is reproducible (no timestamps, text chunks or colour profile).
im() { "${IM[@]}" "$@"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/sharpgan-fixtures.XXXXXX")"
trap 'rm -rf "$work"' EXIT
out="$work/formats"
tiny="$work/tiny"
mkdir -p "$out/nested/inner" "$tiny"

# Flatten the emoji's transparency onto white (used for the opaque formats).
flatten=(-background white -alpha remove -alpha off)

# --- formats/ --------------------------------------------------------------

# RGBA PNG with real (antialiased) transparency: the source file as is.
cp "$src/google-tulip.png" "$out/rgba.png"

# 8-bit greyscale PNG, no alpha (colour type 0).
im "$src/google-rose.png" "${flatten[@]}" -colorspace Gray -strip \
  -define png:color-type=0 -define png:bit-depth=8 "$out/gray.png"

# Greyscale + alpha PNG (colour type 4), alpha kept from the source.
im "$src/google-rose.png" -colorspace Gray -strip \
  -define png:color-type=4 -define png:bit-depth=8 "$out/gray-alpha.png"

# Palette PNG (colour type 3) whose tRNS chunk holds many alpha levels.
# Quantising to <=255 colours lets ImageMagick pick an indexed PNG with alpha
# kept in tRNS (forcing png:color-type=3 or PNG8: would drop or binarise it).
# Near-transparent pixels (alpha < 5%) are zeroed and dithering is off so the
# background stays fully transparent (alpha 0) after quantising.
im "$src/google-sunflower.png" -channel A -fx 'a<0.05?0:a' +channel \
  +dither -colors 255 -strip "$out/palette.png"

# Non-square JPEG (80x48, forced size) to exercise crop/pad; RGB, quality 90.
im "$src/google-hibiscus.png" "${flatten[@]}" -resize '80x48!' -strip \
  -colorspace sRGB -type TrueColor -sampling-factor 4:2:0 -quality 90 \
  "$out/photo.jpg"

# The same picture as a 4-channel CMYK JPEG (Adobe APP14 marker).
im "$src/google-hibiscus.png" "${flatten[@]}" -resize '80x48!' -strip \
  -colorspace CMYK -quality 90 "$out/cmyk.jpg"

# WebP (lossy, quality 90) keeping the alpha channel (VP8X + ALPH chunks).
im "$src/google-cherry_blossom.png" -strip -quality 90 \
  -define webp:alpha-quality=100 "$out/image.webp"

# 24-bit uncompressed BMP (BITMAPINFOHEADER, no alpha).
im "$src/google-lotus.png" "${flatten[@]}" -strip -type TrueColor \
  "BMP3:$out/image.bmp"

# 3-frame animated GIF; the loader should take the first frame (tulip).
# Full 64x64 frames (no layer optimisation), 0.5 s each, loop forever.
im -delay 50 -loop 0 -dispose Background \
  "$src/google-tulip.png" "$src/google-rose.png" "$src/google-sunflower.png" \
  +repage -strip "$out/animated.gif"

# 16 bits per channel RGB PNG (colour type 2, depth 16), no alpha.
im "$src/google-tulip.png" "${flatten[@]}" -depth 16 -strip \
  -define png:color-type=2 -define png:bit-depth=16 "PNG48:$out/sixteen-bit.png"

# A valid PNG cut to its first half: header parses, image data ends early.
size=$(wc -c <"$src/google-rose.png")
head -c $((size / 2)) "$src/google-rose.png" >"$out/truncated.png"

# Zero-byte file with an image extension.
: >"$out/empty.png"

# Plain text with an image extension.
printf 'This is not an image.\nIt is plain text saved with a .png name.\n' \
  >"$out/not-an-image.png"

# Plain text with a non-image extension; the loader must skip it.
printf 'Notes: this file is not an image and must be ignored by the loader.\n' \
  >"$out/notes.txt"

# Recursion: a normal RGBA PNG two folders down.
cp "$src/twitter-tulip.png" "$out/nested/inner/deep.png"

# --- tiny/ -----------------------------------------------------------------
# 8 flowers copied verbatim: 4 from each vendor.
for vendor in google twitter; do
  for flower in tulip rose sunflower hibiscus; do
    cp "$src/$vendor-$flower.png" "$tiny/$vendor-$flower.png"
  done
done

# --- checks ----------------------------------------------------------------
# PNG header bytes: 24 = bit depth, 25 = colour type (IHDR follows the signature).
png_byte() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }
expect_png() { # FILE DEPTH COLOURTYPE
  local d c
  d=$(png_byte "$1" 24); c=$(png_byte "$1" 25)
  [[ "$d/$c" == "$2/$3" ]] || die "$(basename "$1"): depth/colour type $d/$c, expected $2/$3"
}
expect_png "$out/rgba.png" 8 6
expect_png "$out/gray.png" 8 0
expect_png "$out/gray-alpha.png" 8 4
expect_png "$out/palette.png" 8 3
expect_png "$out/sixteen-bit.png" 16 2
grep -q tRNS "$out/palette.png" || die "palette.png has no tRNS chunk"
[[ "$(im "$out/palette.png" -format '%[fx:p{0,0}.a]' info:)" == 0 ]] \
  || die "palette.png background is not fully transparent"
[[ "$(im "$out/cmyk.jpg" -format '%[colorspace]' info:)" == CMYK ]] || die "cmyk.jpg is not CMYK"
[[ "$(im "$out/photo.jpg" -format '%wx%h %[colorspace]' info:)" == "80x48 sRGB" ]] || die "photo.jpg size/colourspace"
[[ "$(im "$out/animated.gif" -format '%n\n' info: | head -n1)" == 3 ]] || die "animated.gif is not 3 frames"
grep -q ALPH "$out/image.webp" || die "image.webp has no alpha chunk"
[[ $(od -An -tu2 --endian=little -j 28 -N2 "$out/image.bmp" | tr -d ' ') == 24 ]] || die "image.bmp is not 24-bit"
[[ ! -s "$out/empty.png" ]] || die "empty.png is not empty"

# --- install ---------------------------------------------------------------
mkdir -p "$fixtures"
# --- messy/ ----------------------------------------------------------------
# Built from the checked formats/ files, so every case there carries over with its known verdict.
messy="$work/messy"
mkdir -p "$messy/classes/roses" "$messy/classes/tulips/deep"
for f in truncated.png empty.png not-an-image.png cmyk.jpg sixteen-bit.png gray.png palette.png animated.gif notes.txt; do
  cp "$out/$f" "$messy/$f"
done
cp "$out/rgba.png" "$messy/tulip.png"
cp "$out/rgba.png" "$messy/tulip-copy.png"                 # a duplicate: same bytes, another name
"${IM[@]}" -size 1x1 xc:'#ff0000' -strip "PNG24:$messy/one-pixel.png"
cp "$src/google-rose.png" "$messy/classes/roses/rose.png"
cp "$src/twitter-tulip.png" "$messy/classes/tulips/deep/tulip.png"

rm -rf "$fixtures/formats" "$fixtures/tiny" "$fixtures/messy"
mv "$out" "$fixtures/formats"
mv "$tiny" "$fixtures/tiny"
mv "$messy" "$fixtures/messy"
echo "make-fixtures: wrote $(find "$fixtures/formats" "$fixtures/tiny" "$fixtures/messy" -type f | wc -l) files" \
     "($(du -sk "$fixtures/formats" "$fixtures/tiny" "$fixtures/messy" | awk '{s+=$1} END {print s}') KiB) under tests/fixtures"
