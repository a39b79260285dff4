// SharpGan studio: plain DOM and fetch, no framework. Every answer is checked; a refusal's one-line message is shown
// in #error. Seeds stay strings end to end: JavaScript numbers are exact only up to 2^53.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { info: null, seeds: [], className: null, tags: new Set(), selected: null, previous: null, strip: [], playing: null };

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
}

async function refusal(response) {
  try {
    const body = await response.json();
    return body.error || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

async function post(url, body, type = "application/json") {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": type }, body: type === "application/json" ? JSON.stringify(body) : body });
  if (!response.ok) throw new Error(await refusal(response));
  return response;
}

async function postJson(url, body) {
  return (await post(url, body)).json();
}

// Runs an action, showing its failure on the page instead of losing it in the console.
async function guarded(action) {
  try {
    clearError();
    await action();
  } catch (e) {
    showError(e.message);
  }
}

function conditioning() {
  const c = {};
  if (state.info.classes.length > 0) c.class = state.className;
  if (state.info.tags.length > 0) c.tags = [...state.tags];
  return c;
}

function picture(src, seed, index) {
  const img = document.createElement("img");
  img.src = src;
  if (seed !== undefined) img.dataset.seed = seed;
  if (index !== undefined) img.dataset.index = String(index);
  return img;
}

function download(href, name) {
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

async function downloadBlob(url, body, name) {
  const blob = await (await post(url, body)).blob();
  const href = URL.createObjectURL(blob);
  download(href, name);
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}

// ---- grid, variations, strip ----

async function generate(request) {
  const answer = await postJson("/api/grid", { ...request, ...conditioning() });
  state.seeds = answer.seeds;
  const grid = $("grid");
  grid.replaceChildren(...answer.images.map((src, k) => picture(src, answer.seeds[k], k)));
  grid.dataset.ms = String(answer.ms);
  markSelection();
}

function gridRequest() {
  return { start: $("start-seed").value.trim(), count: Number($("count").value) };
}

function markSelection() {
  for (const img of $("grid").children) {
    img.classList.toggle("selected", img.dataset.seed === state.selected);
    img.classList.toggle("second", img.dataset.seed === state.previous && state.previous !== state.selected);
  }
  const chosen = [...$("grid").children].find((img) => img.dataset.seed === state.selected);
  if (chosen) {
    $("selected-picture").src = chosen.src;
    $("download-picture").href = chosen.src;
    $("download-picture").download = `seed-${state.selected}.png`;
  }
}

async function select(seed) {
  if (state.selected !== null && state.selected !== seed) state.previous = state.selected;
  state.selected = seed;
  $("selection").hidden = false;
  $("selected-seed").textContent = seed;
  markSelection();
  await variations();
  if (state.previous !== null) await strip();
}

async function variations() {
  if (state.selected === null) return;
  const answer = await postJson("/api/variations", { seed: state.selected, count: 8, strength: Number($("strength").value), ...conditioning() });
  $("variations").replaceChildren(...answer.images.map((src, k) => picture(src, undefined, k)));
  $("variations").dataset.method = answer.method;
}

function stripRequest() {
  return { from: state.previous, to: state.selected, frames: Number($("frames").value), ...conditioning() };
}

async function strip() {
  if (state.previous === null || state.selected === null) return;
  const answer = await postJson("/api/interpolate", stripRequest());
  state.strip = answer.images;
  $("strip-section").hidden = false;
  $("strip-from").textContent = answer.from;
  $("strip-to").textContent = answer.to;
  $("strip").replaceChildren(...answer.images.map((src, k) => picture(src, undefined, k)));
  $("player").src = answer.images[0];
}

function play() {
  if (state.playing !== null) {
    clearInterval(state.playing);
    state.playing = null;
    $("play").textContent = "Play";
    return;
  }
  let step = 0;
  const n = state.strip.length;
  // Forth and back, as the GIF loops.
  const order = [...Array(n).keys()].concat([...Array(Math.max(n - 2, 0)).keys()].map((k) => n - 2 - k));
  state.playing = setInterval(() => {
    $("player").src = state.strip[order[step % order.length]];
    step++;
  }, 120);
  $("play").textContent = "Stop";
}

// ---- classes and tags ----

function setUpConditioning(info) {
  if (info.classes.length > 0) {
    const picker = $("class-picker");
    picker.replaceChildren(...info.classes.map((name) => new Option(name, name)));
    state.className = info.classes[0];
    $("class-label").hidden = false;
    picker.addEventListener("change", () => guarded(async () => {
      state.className = picker.value;
      await regenerate();
    }));
  }
  if (info.tags.length > 0) {
    const box = $("tag-picker");
    const grouped = new Set(info.tagGroups.flatMap((g) => g.tags));
    for (const group of info.tagGroups) {
      // An exclusive group is a set of radio buttons, with "none" so the group can be left out.
      const field = document.createElement("fieldset");
      field.append(Object.assign(document.createElement("legend"), { textContent: group.name }));
      for (const tag of ["", ...group.tags]) {
        const label = document.createElement("label");
        const input = Object.assign(document.createElement("input"), { type: "radio", name: `group-${group.name}`, value: tag, checked: tag === "" });
        input.dataset.tag = tag;
        input.addEventListener("change", () => guarded(async () => {
          for (const t of group.tags) state.tags.delete(t);
          if (tag !== "") state.tags.add(tag);
          await regenerate();
        }));
        label.append(input, ` ${tag === "" ? "none" : tag}`);
        field.append(label);
      }
      box.append(field);
    }
    for (const tag of info.tags.filter((t) => !grouped.has(t))) {
      const label = document.createElement("label");
      const input = Object.assign(document.createElement("input"), { type: "checkbox", value: tag });
      input.dataset.tag = tag;
      input.addEventListener("change", () => guarded(async () => {
        if (input.checked) state.tags.add(tag); else state.tags.delete(tag);
        await regenerate();
      }));
      label.append(input, ` ${tag}`);
      box.append(label);
    }
    box.hidden = false;
  }
}

// The same seeds under the new class or tags.
async function regenerate() {
  await generate({ seeds: state.seeds });
  await variations();
  await strip();
}

// ---- painting (masks and pix2pix drawings) ----

// Pointer events cover mouse, pen and touch; a stroke ends on pointerup or when the pointer is lost.
function paintable(canvas, brush, colour, onStrokeEnd) {
  const ctx = canvas.getContext("2d");
  let last = null;
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) / r.width * canvas.width, (e.clientY - r.top) / r.height * canvas.height];
  };
  const dot = (p, q) => {
    ctx.strokeStyle = colour();
    ctx.fillStyle = colour();
    ctx.lineWidth = brush();
    ctx.lineCap = "round";
    ctx.beginPath();
    ctx.moveTo(p[0], p[1]);
    ctx.lineTo(q[0], q[1]);
    ctx.stroke();
  };
  canvas.addEventListener("pointerdown", (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = at(e);
    dot(last, last);
  });
  canvas.addEventListener("pointermove", (e) => {
    if (last === null) return;
    const p = at(e);
    dot(last, p);
    last = p;
  });
  const end = () => {
    if (last === null) return;
    last = null;
    guarded(onStrokeEnd);
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
}

function canvasPng(canvas) {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), "image/png"));
}

async function sha256(bytes) {
  if (!crypto.subtle) return "(no Web Crypto on this address)";
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function drawPicture(canvas, src) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      resolve();
    };
    img.onerror = () => reject(new Error("the server's picture did not decode"));
    img.src = src;
  });
}

function setUpMask(info) {
  $("mask-section").hidden = false;
  const canvas = $("mask-canvas");
  canvas.width = canvas.height = info.maskSize;
  const ctx = canvas.getContext("2d");
  const clear = () => {
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  const erasing = () => document.querySelector("input[name=mask-tool]:checked").value === "erase";
  const send = async (bytes) => {
    $("mask-sent-hash").textContent = await sha256(bytes);
    const seed = encodeURIComponent($("mask-seed").value.trim());
    const answer = await (await post(`/api/mask?seed=${seed}`, bytes, "image/png")).json();
    $("mask-server-hash").textContent = answer.sha256;
    $("mask-picture").src = answer.image;
    $("mask-overlay-picture").src = answer.image;
    $("mask-iou").textContent = answer.iou === null ? "no segmenter loaded" : answer.iou.toFixed(3);
    $("mask-warnings").textContent = answer.warnings.join(" · ");
    return answer;
  };
  const sendCanvas = async () => send(await (await canvasPng(canvas)).arrayBuffer());
  paintable(canvas, () => Number($("brush").value), () => (erasing() ? "#000" : "#fff"), sendCanvas);
  $("mask-clear").addEventListener("click", () => guarded(async () => {
    clear();
    await sendCanvas();
  }));
  // A loaded file goes to the server as it is; the mask the server read from it (binarised, resized) is drawn back
  // onto the canvas, so painting continues from what the generator saw.
  $("mask-file").addEventListener("change", () => guarded(async () => {
    const file = $("mask-file").files[0];
    if (!file) return;
    const answer = await send(await file.arrayBuffer());
    await drawPicture(canvas, answer.mask);
  }));
  $("mask-overlay").addEventListener("change", () => { $("mask-overlay-picture").hidden = !$("mask-overlay").checked; });
  $("mask-seed").addEventListener("change", () => guarded(sendCanvas));
  clear();
  // A disc in the middle to start from: an empty mask asks for nothing.
  ctx.fillStyle = "#fff";
  ctx.beginPath();
  ctx.arc(canvas.width / 2, canvas.height / 2, canvas.width / 4, 0, 2 * Math.PI);
  ctx.fill();
  return guarded(sendCanvas);
}

function setUpPix2Pix(info) {
  $("pix2pix-section").hidden = false;
  const canvas = $("pen-canvas");
  canvas.width = canvas.height = info.imageSize;
  const ctx = canvas.getContext("2d");
  // Edge pairs (sharpgan data pairs --kind edges) are black lines on white.
  const clear = () => {
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  const send = async (bytes) => {
    const seed = encodeURIComponent($("pix2pix-seed").value.trim());
    const answer = await (await post(`/api/translate?seed=${seed}`, bytes, "image/png")).json();
    $("pix2pix-picture").src = answer.image;
    return answer;
  };
  const sendCanvas = async () => send(await (await canvasPng(canvas)).arrayBuffer());
  paintable(canvas, () => Number($("pen").value), () => "#000", sendCanvas);
  $("pen-clear").addEventListener("click", () => guarded(async () => {
    clear();
    await sendCanvas();
  }));
  $("pix2pix-file").addEventListener("change", () => guarded(async () => {
    const file = $("pix2pix-file").files[0];
    if (!file) return;
    const answer = await send(await file.arrayBuffer());
    await drawPicture(canvas, answer.input);
  }));
  $("pix2pix-seed").addEventListener("change", () => guarded(sendCanvas));
  clear();
  return guarded(sendCanvas);
}

// ---- run panel ----

function rows(table, entries) {
  table.replaceChildren(...entries.map(([k, v]) => {
    const tr = document.createElement("tr");
    tr.append(Object.assign(document.createElement("td"), { textContent: k }), Object.assign(document.createElement("td"), { textContent: String(v) }));
    return tr;
  }));
}

function setUpPanel(info) {
  const panel = info.panel;
  $("epochs").textContent = String(panel.epochs);
  $("export-epoch").textContent = String(info.exportEpoch);
  rows($("losses"), Object.entries(panel.lastLosses || {}));
  rows($("config"), Object.entries(panel.config));
  if (panel.eval.length > 0) {
    rows($("eval"), Object.entries(panel.eval[panel.eval.length - 1]));
    $("eval-count").textContent = String(panel.eval.length);
    $("eval-box").hidden = false;
  }
  if (panel.samples.length > 0) {
    const scrubber = $("scrubber");
    scrubber.max = String(panel.samples.length - 1);
    scrubber.value = scrubber.max;
    const show = () => {
      const name = panel.samples[Number(scrubber.value)];
      $("scrubber-name").textContent = name;
      $("epoch-picture").src = `/api/samples/${encodeURIComponent(name)}`;
    };
    scrubber.addEventListener("input", show);
    show();
    $("scrubber-box").hidden = false;
  }
}

// ---- start ----

async function start() {
  const response = await fetch("/api/info");
  if (!response.ok) throw new Error(await refusal(response));
  const info = await response.json();
  state.info = info;
  $("run-name").textContent = info.run;
  $("run-kind").textContent = `${info.kind} · ${info.architecture} · ${info.imageSize} px${info.segmenter ? ` · segmenter ${info.segmenter}` : ""}`;
  setUpPanel(info);
  if (info.drawsFromNoise) {
    $("samples").hidden = false;
    setUpConditioning(info);
    $("grid-form").addEventListener("submit", (e) => {
      e.preventDefault();
      guarded(() => generate(gridRequest()));
    });
    $("download-grid").addEventListener("click", () => guarded(() => downloadBlob("/api/grid.png", { seeds: state.seeds, ...conditioning() }, "grid.png")));
    $("grid").addEventListener("click", (e) => {
      if (e.target instanceof HTMLImageElement && e.target.dataset.seed) guarded(() => select(e.target.dataset.seed));
    });
    $("strength").addEventListener("input", () => { $("strength-value").textContent = $("strength").value; });
    $("strength").addEventListener("change", () => guarded(variations));
    $("frames").addEventListener("change", () => guarded(strip));
    $("play").addEventListener("click", play);
    $("download-gif").addEventListener("click", () => guarded(() => downloadBlob("/api/strip.gif", stripRequest(), `strip-${state.previous}-${state.selected}.gif`)));
    await generate(gridRequest());
  } else if (info.maskSize !== null) {
    await setUpMask(info);
  } else if (info.translatesPictures) {
    await setUpPix2Pix(info);
  }
  document.body.dataset.ready = "true";
}

guarded(start);
