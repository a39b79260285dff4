#!/usr/bin/env node
// Selects emoji images from extracted emoji-datasource-<vendor> packages and
// copies them into a training-data layout. Called by scripts/fetch-emoji.sh,
// which does the downloading; this file only reads emoji.json and copies PNGs.
//
//   node emoji-select.mjs flowers --out DIR --pkg google=PKGDIR --pkg twitter=PKGDIR
//     -> DIR/<vendor>-<short_name>.png + DIR/manifest.csv
//   node emoji-select.mjs vendor --out DIR --pkg <vendor>=PKGDIR
//     -> DIR/<category-slug>/<short_name>.png + DIR/labels.csv
//
// PKGDIR is the extracted npm "package/" folder (emoji.json, img/<vendor>/64/).
// Only base emoji are used: skin-tone variants live in each entry's
// `skin_variations` and are ignored, so every short_name yields one image.
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

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: "string" }, pkg: { type: "string", multiple: true } },
});
const mode = positionals[0];
if (!["flowers", "vendor"].includes(mode) || positionals.length !== 1) fail("mode must be flowers or vendor");
if (!values.out) fail("--out is required");
const packages = (values.pkg ?? []).map((spec) => {
  const eq = spec.indexOf("=");
  if (eq < 1) fail(`--pkg expects VENDOR=DIR, got ${spec}`);
  return loadPackage(spec.slice(0, eq), spec.slice(eq + 1));
});
if (packages.length === 0) fail("at least one --pkg is required");
if (mode === "vendor" && packages.length !== 1) fail("vendor mode takes exactly one --pkg");

fs.mkdirSync(values.out, { recursive: true });
const groups = (mode === "flowers" ? flowers : vendor)(values.out, packages);

// Summary for the caller: image count per "<vendor> <group>".
const counts = new Map();
for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
for (const [g, n] of [...counts].sort()) console.log(`${String(n).padStart(5)}  ${g}`);
console.log(`${String(groups.length).padStart(5)}  total images in ${values.out}`);
