#!/usr/bin/env node
// Exports the two Keras models shipped in the npm package nsfwjs 4.4.0 (MIT) — MobileNetV2 (224×224) and
// Inception-v3 (299×299), trunks trained on ImageNet, final dense layers fine-tuned by nsfwjs for its own 5 classes —
// as standard TensorFlow.js layers models: OUT/nsfwjs-<name>/model.json + weights.bin, plus the package's licence.
//
// The package keeps each model as UMD bundles: model.min.js returns {modelTopology, weightsManifest} and every
// group1-shard*.min.js returns one base64 string; the decoded shards, concatenated, are the bytes the manifest
// describes (uint8-quantised tensors: value = min + scale·q).
//
// usage: node scripts/export-nsfwjs.cjs OUT_DIR     (needs npm and tar; writes nothing into the repository)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const PACKAGE = 'nsfwjs@4.4.0';
const MODELS = { mobilenet_v2: 'nsfwjs-mobilenet-v2', inception_v3: 'nsfwjs-inception-v3' };
const BYTES_PER = { float32: 4, int32: 4, float16: 2, uint16: 2, uint8: 1, bool: 1 };

function unpack(work) {
  execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], { stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = fs.readdirSync(work).find(f => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${PACKAGE} wrote no tarball into ${work}`);
  execFileSync('tar', ['xzf', path.join(work, tarball), '-C', work]);
  return path.join(work, 'package');
}

function bundle(file) {
  const value = require(file);
  return value && value.default !== undefined ? value.default : value;
}

function expectedBytes(manifest) {
  let total = 0;
  for (const group of manifest)
    for (const w of group.weights) {
      const count = w.shape.reduce((a, b) => a * b, 1);
      const dtype = w.quantization ? w.quantization.dtype : w.dtype;
      if (!(dtype in BYTES_PER)) throw new Error(`tensor ${w.name}: unknown dtype ${dtype}`);
      total += count * BYTES_PER[dtype];
    }
  return total;
}

function exportModel(packageDir, name, target) {
  const dir = path.join(packageDir, 'dist', 'models', name);
  const { modelTopology, weightsManifest } = bundle(path.join(dir, 'model.min.js'));
  const shards = [];
  for (const group of weightsManifest)
    for (const shard of group.paths)
      shards.push(Buffer.from(String(bundle(path.join(dir, shard + '.min.js'))), 'base64'));
  const weights = Buffer.concat(shards);
  const expected = expectedBytes(weightsManifest);
  if (weights.length !== expected)
    throw new Error(`${name}: shards decode to ${weights.length} bytes, the manifest describes ${expected}`);
  const manifest = [{ paths: ['weights.bin'], weights: weightsManifest.flatMap(g => g.weights) }];
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, 'weights.bin'), weights);
  fs.writeFileSync(path.join(target, 'model.json'), JSON.stringify({
    format: 'layers-model',
    generatedBy: `scripts/export-nsfwjs.cjs from ${PACKAGE}`,
    modelTopology,
    weightsManifest: manifest,
  }));
  const licence = path.join(packageDir, 'LICENSE');
  if (fs.existsSync(licence)) fs.copyFileSync(licence, path.join(target, 'LICENSE-nsfwjs-MIT.txt'));
  return { name: path.basename(target), bytes: weights.length, tensors: manifest[0].weights.length };
}

function main() {
  const out = process.argv[2];
  if (!out) { console.error('usage: node scripts/export-nsfwjs.cjs OUT_DIR'); process.exit(2); }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sharpgan-nsfwjs-'));
  try {
    const packageDir = unpack(work);
    for (const [name, folder] of Object.entries(MODELS)) {
      const r = exportModel(packageDir, name, path.join(out, folder));
      console.log(`${r.name}: ${r.tensors} tensors, ${r.bytes} bytes → ${path.join(out, folder)}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
