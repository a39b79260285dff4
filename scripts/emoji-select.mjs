#!/usr/bin/env node
// Selects emoji images from extracted emoji-datasource-<vendor> packages and
// copies them into a training-data layout. Called by scripts/fetch-emoji.sh,
// which does the downloading; this file only reads emoji.json and copies PNGs.
//
//   node emoji-select.mjs flowers --out DIR --pkg google=PKGDIR --pkg twitter=PKGDIR
//     -> DIR/<vendor>-<short_name>.png + DIR/manifest.csv
//   node emoji-select.mjs vendor --out DIR --pkg <vendor>=PKGDIR
//     -> DIR/<category-slug>/<short_name>.png + DIR/labels.csv
//   node emoji-select.mjs people --out DIR --pkg <vendor>=PKGDIR
//     -> DIR/<skin>/<short_name>.png + DIR/tags.csv + DIR/tag-groups.txt
//
// PKGDIR is the extracted npm "package/" folder (emoji.json, img/<vendor>/64/).
// flowers and vendor use base emoji only: skin-tone variants live in each
// entry's `skin_variations` and are ignored, so every short_name yields one
// image. people is the opposite: every skin-tone variant is an image, tagged.
// Images an earlier run wrote (per its CSV) that this run does not produce are
// deleted, so a re-run with the same inputs always leaves the same tree.

import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const FLOWER_SUBCATEGORIES = new Set(["plant-flower", "plant-other"]);

function fail(message) {
  console.error(`emoji-select: ${message}`);
  process.exit(2);
}

// "Smileys & Emotion" -> "smileys-emotion"
function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

function csvField(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function writeCsv(file, header, rows) {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(","));
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

function loadPackage(vendor, pkgDir) {
  const jsonPath = path.join(pkgDir, "emoji.json");
  if (!fs.existsSync(jsonPath)) fail(`${jsonPath} not found`);
  const entries = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
  // has_img_<vendor> is false where the vendor never drew that emoji.
  const withImage = entries.filter((e) => e[`has_img_${vendor}`] === true);
  return { vendor, imgDir: path.join(pkgDir, "img", vendor, "64"), entries: withImage };
}

// Copies each { src, rel } into outDir, then deletes the files that the
// previous run listed in csvName but this run no longer produces. Going by
// our own CSV means only files this script wrote are ever deleted.
function sync(outDir, csvName, items) {
  const wanted = new Set(items.map((i) => i.rel));
  if (wanted.size !== items.length) fail("two images map to the same file name");
  const previous = previousFiles(path.join(outDir, csvName));
  for (const { src, rel } of items) {
    if (!fs.existsSync(src)) fail(`image missing from package: ${src}`);
    const dest = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(src, dest);
  }
  for (const rel of previous.filter((r) => !wanted.has(r))) {
    fs.rmSync(path.join(outDir, rel), { force: true });
    const dir = path.resolve(outDir, path.dirname(rel));
    const emptyClassDir = dir !== path.resolve(outDir) && fs.existsSync(dir) && fs.readdirSync(dir).length === 0;
    if (emptyClassDir) fs.rmdirSync(dir);
  }
}

// First column of a CSV this script wrote earlier (file names never need quoting).
function previousFiles(csvPath) {
  if (!fs.existsSync(csvPath)) return [];
  return fs.readFileSync(csvPath, "utf8").split("\n").slice(1)
    .filter((line) => line !== "").map((line) => line.split(",")[0]);
}

function flowers(out, packages) {
  const items = [];
  for (const pkg of packages) {
    for (const e of pkg.entries.filter((e) => FLOWER_SUBCATEGORIES.has(e.subcategory))) {
      items.push({
        src: path.join(pkg.imgDir, e.image),
        rel: `${pkg.vendor}-${e.short_name}.png`,
        row: [`${pkg.vendor}-${e.short_name}.png`, pkg.vendor, e.short_name, e.subcategory],
      });
    }
  }
  items.sort((a, b) => a.rel.localeCompare(b.rel));
  sync(out, "manifest.csv", items);
  writeCsv(path.join(out, "manifest.csv"), ["file", "vendor", "short_name", "subcategory"],
    items.map((i) => i.row));
  return items.map((i) => `${i.row[1]} ${i.row[3]}`);
}

function vendor(out, [pkg]) {
  const items = pkg.entries.map((e) => {
    const rel = `${slug(e.category)}/${e.short_name}.png`;
    return { src: path.join(pkg.imgDir, e.image), rel, row: [rel, e.category, e.subcategory] };
  });
  items.sort((a, b) => a.rel.localeCompare(b.rel));
  sync(out, "labels.csv", items);
  writeCsv(path.join(out, "labels.csv"), ["file", "category", "subcategory"], items.map((i) => i.row));
  return items.map((i) => `${pkg.vendor} ${slug(i.row[1])}`);
}

// people: attribute tags (data.labels tags) from the emoji that come in skin
// tones. Each single-person emoji yields its default (yellow) image and one per
// tone; tags say the skin tone, who it is (from the Unicode name) and the hair
// where the name says. Two-person emoji (couples holding hands, kissing) whose
// two people differ in tone carry two skin tags: data.tag_groups drops them, as
// the anime-face ACGAN report dropped images with two hair colours. Folders are the skin tone, so
// the same tree (minus two-tones/) trains a skin-tone classifier by folders.
const PEOPLE_SUBCATEGORIES = new Set(["person", "person-role", "person-gesture"]);
const COUPLE_NAMES = new Set(["man_and_woman_holding_hands", "two_men_holding_hands", "two_women_holding_hands",
  "people_holding_hands", "couplekiss", "couple_with_heart"]);
const SKIN_TONES = { "1F3FB": "light", "1F3FC": "medium-light", "1F3FD": "medium", "1F3FE": "medium-dark", "1F3FF": "dark" };
const HAIR = [["RED HAIR", "red hair"], ["CURLY HAIR", "curly hair"], ["WHITE HAIR", "white hair"],
  ["BLOND", "blond hair"], ["BALD", "bald"], ["BEARD", "beard"]];

function who(name) {
  const words = new Set(name.split(/[^A-Z]+/));
  if (["WOMAN", "WOMANS", "GIRL", "PRINCESS", "FEMALE"].some((w) => words.has(w))) return "woman";
  if (["MAN", "MANS", "BOY", "PRINCE", "MALE"].some((w) => words.has(w))) return "man";
  return "person";
}

function people(out, [pkg]) {
  const items = [];
  const add = (entry, image, tones, extra) => {
    const skin = tones.length === 0 ? ["default"] : [...new Set(tones.map((t) => SKIN_TONES[t]))];
    const folder = skin.length > 1 ? "two-tones" : skin[0];
    const suffix = tones.length === 0 ? "" : "-" + tones.map((t) => SKIN_TONES[t]).join("-");
    const rel = `${folder}/${entry.short_name}${suffix}.png`;
    const tags = [...skin.map((s) => `skin ${s}`), ...extra];
    items.push({ src: path.join(pkg.imgDir, image), rel, row: [rel, tags.join(";")], group: folder });
  };
  for (const e of pkg.entries) {
    const couple = COUPLE_NAMES.has(e.short_name);
    if (!e.skin_variations || !(couple || PEOPLE_SUBCATEGORIES.has(e.subcategory))) continue;
    const extra = couple ? ["couple"] : [who(e.name), ...HAIR.filter(([word]) => e.name.includes(word)).map(([, tag]) => tag)];
    add(e, e.image, [], extra);
    for (const [key, variant] of Object.entries(e.skin_variations)) {
      if (variant[`has_img_${pkg.vendor}`] !== true) continue;
      add(e, variant.image, key.split("-"), extra);
    }
  }
  items.sort((a, b) => a.rel.localeCompare(b.rel));
  sync(out, "tags.csv", items);
  writeCsv(path.join(out, "tags.csv"), ["file", "tags"], items.map((i) => i.row));
  const groups = [`skin: ${["default", ...Object.values(SKIN_TONES)].map((s) => `skin ${s}`).join(", ")}`,
    "who: man, woman, person"];
  fs.writeFileSync(path.join(out, "tag-groups.txt"), groups.join("\n") + "\n");
  return items.map((i) => `${pkg.vendor} ${i.group}`);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: "string" }, pkg: { type: "string", multiple: true } },
});
const mode = positionals[0];
if (!["flowers", "vendor", "people"].includes(mode) || positionals.length !== 1) fail("mode must be flowers, vendor or people");
if (!values.out) fail("--out is required");
const packages = (values.pkg ?? []).map((spec) => {
  const eq = spec.indexOf("=");
  if (eq < 1) fail(`--pkg expects VENDOR=DIR, got ${spec}`);
  return loadPackage(spec.slice(0, eq), spec.slice(eq + 1));
});
if (packages.length === 0) fail("at least one --pkg is required");
if (mode !== "flowers" && packages.length !== 1) fail(`${mode} mode takes exactly one --pkg`);

fs.mkdirSync(values.out, { recursive: true });
const groups = { flowers, vendor, people }[mode](values.out, packages);

// Summary for the caller: image count per "<vendor> <group>".
const counts = new Map();
for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
for (const [g, n] of [...counts].sort()) console.log(`${String(n).padStart(5)}  ${g}`);
console.log(`${String(groups.length).padStart(5)}  total images in ${values.out}`);
