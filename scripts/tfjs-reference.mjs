#!/usr/bin/env node
// Runs the two nsfwjs models exported by `sharpgan pretrained fetch` with TensorFlow.js itself (@tensorflow/tfjs 4,
// pure JavaScript, CPU) and writes what SharpGan's C# import must reproduce: tests/fixtures/tfjs-reference.json.
//
// Inputs, each at the model's own size, RGB in [0, 1] as nsfwjs feeds them (pixels / 255):
//   pattern  0.5 + 0.5·sin(0.05·(c + 1)·y + 0.07·x + c), a deterministic picture;
//   flower   data/flowers/google-rose.png, its alpha composited over white in floating point, resized to the model's
//            size with tf.image.resizeBilinear(alignCorners = true) exactly as nsfwjs resizes.
// For each model and input: the class probabilities, the pooled features (the 7×7 / 8×8 average pooling before the
// dense head, 1280 / 2048 values) and, for a few named layers, the channel means and the channels at three pixels.
//
// usage: node scripts/tfjs-reference.mjs [PRETRAINED_DIR] [OUT_JSON]
//   (installs @tensorflow/tfjs and pngjs into a cache folder with npm on first use)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const pretrained = process.argv[2] ?? process.env.SHARPGAN_PRETRAINED ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "sharpgan", "pretrained");
const out = process.argv[3] ?? path.join(repo, "tests", "fixtures", "tfjs-reference.json");

const MODELS = {
  "nsfwjs-mobilenet-v2": { pool: "average_pooling2d_1", layers: ["Conv1_relu", "expanded_conv_depthwise_relu", "block_1_depthwise_relu", "block_6_depthwise_relu", "out_relu"] },
  "nsfwjs-inception-v3": { pool: "average_pooling2d_10", layers: ["activation_1", "max_pooling2d_1", "average_pooling2d_1", "mixed0", "mixed8"] },
};

function tools() {
  const dir = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "sharpgan", "tfjs-reference");
  if (!fs.existsSync(path.join(dir, "node_modules", "@tensorflow", "tfjs", "package.json"))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tfjs-reference", private: true }));
    execFileSync("npm", ["install", "--silent", "--no-audit", "--no-fund", "@tensorflow/tfjs@4.22.0", "pngjs@7.0.0"], { cwd: dir, stdio: "inherit" });
  }
  const require = createRequire(path.join(dir, "package.json"));
  return { tf: require("@tensorflow/tfjs"), PNG: require("pngjs").PNG };
}

async function load(tf, folder) {
  const json = JSON.parse(fs.readFileSync(path.join(folder, "model.json"), "utf8"));
  const bytes = fs.readFileSync(path.join(folder, "weights.bin"));
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}

function pattern(tf, size) {
  const values = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      for (let c = 0; c < 3; c++)
        values[(y * size + x) * 3 + c] = 0.5 + 0.5 * Math.sin(0.05 * (c + 1) * y + 0.07 * x + c);
  return tf.tensor4d(values, [1, size, size, 3]);
}

function flower(tf, PNG, size) {
  const png = PNG.sync.read(fs.readFileSync(path.join(repo, "data", "flowers", "google-rose.png")));
  const values = new Float32Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) {
    const a = png.data[4 * i + 3] / 255;
    for (let c = 0; c < 3; c++) values[3 * i + c] = (png.data[4 * i + c] / 255) * a + (1 - a);
  }
  const picture = tf.tensor4d(values, [1, png.height, png.width, 3]);
  return tf.image.resizeBilinear(picture, [size, size], true);
}

function summary(tensor) {
  const [, h, w, c] = tensor.shape;
  const data = tensor.dataSync();
  const pixel = (y, x) => Array.from(data.slice((y * w + x) * c, (y * w + x + 1) * c));
  const means = new Array(c).fill(0);
  for (let i = 0; i < h * w; i++) for (let k = 0; k < c; k++) means[k] += data[i * c + k] / (h * w);
  const at = [[0, 0], [h - 1, w - 1], [Math.floor(h / 2), Math.floor(w / 3)]];
  return { shape: [h, w, c], channel_means: means, pixels: at.map(([y, x]) => ({ y, x, channels: pixel(y, x) })) };
}

const { tf, PNG } = tools();
const result = { made_by: "scripts/tfjs-reference.mjs", tfjs: tf.version.tfjs, models: {} };
for (const [name, spec] of Object.entries(MODELS)) {
  const model = await load(tf, path.join(pretrained, name));
  const size = model.inputs[0].shape[1];
  const probe = tf.model({ inputs: model.inputs, outputs: [model.output, model.getLayer(spec.pool).output, ...spec.layers.map((l) => model.getLayer(l).output)] });
  const inputs = { pattern: pattern(tf, size), flower: flower(tf, PNG, size) };
  result.models[name] = { input_size: size, pool_layer: spec.pool, inputs: {} };
  for (const [input, tensor] of Object.entries(inputs)) {
    const started = Date.now();
    const [probabilities, pool, ...layers] = probe.predict(tensor);
    result.models[name].inputs[input] = {
      probabilities: Array.from(probabilities.dataSync()),
      pool: Array.from(pool.dataSync()),
      layers: Object.fromEntries(spec.layers.map((l, i) => [l, summary(layers[i])])),
    };
    console.log(`${name} ${input}: ${Date.now() - started} ms`);
  }
}
fs.writeFileSync(out, JSON.stringify(result, (k, v) => (typeof v === "number" ? Number(v.toPrecision(7)) : v)) + "\n");
console.log(`wrote ${out} (${fs.statSync(out).size} bytes)`);
