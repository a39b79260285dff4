#!/usr/bin/env node
// Runs an export's graph in onnxruntime-node and compares its outputs with the expected ones, so an export is checked
// in a second runtime (and a second language) besides ONNX Runtime .NET.
//
//   node scripts/onnx-node-check.mjs --modules DIR EXPORT_DIR CASES.json [--manifest generator.json] [--tolerance 1e-4]
//
// --modules: a folder where onnxruntime-node is installed (scripts/node: cd there, npm install --ignore-scripts --no-package-lock).
// EXPORT_DIR: what `sharpgan export` wrote; the manifest (generator.json by default) names the .onnx file.
// CASES.json: { "cases": [ { "inputs":  { "<name>": { "shape": [..], "data": [flat float32, row-major] }, ... },
//                            "outputs": { "<name>": { "shape": [..], "data": [..] }, ... } } ] }
// Prints each output's max |Δ| and the largest over all; exit 0 when that is within the tolerance, 1 when not,
// 2 when the files or shapes do not fit together.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = args[at + 1];
  if (value === undefined) fail(`${name} needs a value`);
  args.splice(at, 2);
  return value;
};
const modules = option('--modules', null);
const manifestName = option('--manifest', 'generator.json');
const tolerance = Number(option('--tolerance', '1e-4'));
if (!modules || args.length !== 2 || !(tolerance >= 0))
  fail('usage: onnx-node-check.mjs --modules DIR EXPORT_DIR CASES.json [--manifest generator.json] [--tolerance 1e-4]');
const [exportDir, casesFile] = args;

let ort;
try {
  ort = createRequire(path.resolve(modules, 'package.json'))('onnxruntime-node');
} catch (e) {
  fail(`--modules ${modules}: no onnxruntime-node there (npm install --ignore-scripts onnxruntime-node@1.30.0): ${e.message.split('\n')[0]}`);
}

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`${file}: ${e.message.split('\n')[0]}`);
  }
};
const manifest = readJson(path.join(exportDir, manifestName));
const cases = readJson(casesFile).cases;
if (!Array.isArray(cases) || cases.length === 0) fail(`${casesFile}: no "cases"`);

const count = (shape) => shape.reduce((a, b) => a * b, 1);
const session = await ort.InferenceSession.create(path.join(exportDir, manifest.onnx));
let worst = 0;
for (const [index, { inputs, outputs }] of cases.entries()) {
  const feeds = {};
  for (const [name, { shape, data }] of Object.entries(inputs)) {
    if (count(shape) !== data.length) fail(`case ${index}: input ${name} has ${data.length} values for shape [${shape}]`);
    feeds[name] = new ort.Tensor('float32', Float32Array.from(data), shape);
  }
  const results = await session.run(feeds, Object.keys(outputs));
  for (const [name, expected] of Object.entries(outputs)) {
    const actual = results[name];
    if (actual.dims.join(',') !== expected.shape.join(','))
      fail(`case ${index}: output ${name} has shape [${actual.dims}], expected [${expected.shape}]`);
    let max = 0;
    for (let i = 0; i < expected.data.length; i++) {
      const delta = Math.abs(actual.data[i] - expected.data[i]);
      if (!(delta <= max)) max = delta;   // NaN counts as the worst
    }
    console.log(`case ${index} ${name}: max |Δ| ${max.toExponential(3)} over ${expected.data.length} values`);
    if (!(max <= worst)) worst = max;
  }
}
console.log(`max |Δ| ${worst.toExponential(3)} (tolerance ${tolerance}; onnxruntime-node ${ort.env.versions?.node ?? 'of unknown version'})`);
process.exit(worst <= tolerance ? 0 : 1);
