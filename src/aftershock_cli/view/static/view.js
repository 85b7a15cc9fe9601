// aftershock view: the page's behaviour. Plain JavaScript, no build step, no library.
// User text only ever reaches the page through textContent, never as HTML; the one
// HTML fragment inserted (the note) is escaped by the server.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  if (text) node.textContent = text;
  return node;
}

function clock(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const two = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
}

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `the server answered ${res.status}`);
  return data;
}

// Colours and widths come as data attributes (the page allows no inline styles).
function paint(root = document) {
  for (const node of $$("[data-color]", root)) node.style.setProperty("--c", node.dataset.color);
  for (const node of $$("[data-percent]", root)) {
    const fill = $(".fill", node);
    if (fill) fill.style.setProperty("--w", `${node.dataset.percent}%`);
  }
}

function typing(event) {
  const t = event.target;
  return t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
}

function toggleKeys(show) {
  const box = $("#keys");
  box.hidden = show === undefined ? !box.hidden : !show;
}

// ---------------------------------------------------------------- the player
const player = {
  media: null, yt: null, ready: false, pendingMs: 0,
  time() {
    if (this.media) return this.media.currentTime;
    if (this.yt && this.ready) return this.yt.getCurrentTime();
    return this.pendingMs / 1000; // a seek before YouTube's player is ready (or offline)
  },
  playing() {
    if (this.media) return !this.media.paused;
    return Boolean(this.yt && this.ready && this.yt.getPlayerState() === 1);
  },
  seek(ms) {
    const s = ms / 1000;
    if (this.media) this.media.currentTime = s;
    else if (this.yt && this.ready) this.yt.seekTo(s, true);
    else this.pendingMs = ms;
    view.followTime(ms, true);
  },
  toggle() {
    if (this.media) { if (this.media.paused) this.media.play(); else this.media.pause(); }
    else if (this.yt && this.ready) { if (this.playing()) this.yt.pauseVideo(); else this.yt.playVideo(); }
  },
};

function offline() {
  const note = $("#offline");
  if (note && !player.ready) note.hidden = false;
}

function startYouTube(videoId) {
  window.onYouTubeIframeAPIReady = () => {
    player.yt = new window.YT.Player("player", {
      videoId,
      playerVars: { origin: location.origin, rel: 0 },
      events: {
        onReady: () => {
          player.ready = true;
          $("#offline").hidden = true;
          if (player.pendingMs) player.yt.seekTo(player.pendingMs / 1000, true);
        },
      },
    });
  };
  const script = el("script", { src: "https://www.youtube.com/iframe_api" });
  script.onerror = offline;
  document.head.append(script);
  setTimeout(offline, 8000);
}

// ---------------------------------------------------------------- the video page
const view = {
  videoId: "", lengthMs: 0, starts: [], ends: [], tags: [], themes: [], coder: "",
  current: -1, anchor: -1, head: -1, dragging: false, editing: null, chips: [],
  stamp: "", lastTime: -1, found: new Set(), barsAt: new Map(),
  hooks: [], // called after each reload of the tags (the review panels)
  loadFailed: false,

  init(page) {
    this.videoId = page.dataset.videoId;
    rows.load($("#rows"), JSON.parse($("#rows-data").textContent));
    rows.decorate = (row, i) => this.decorate(row, i);
    this.starts = rows.starts;
    this.ends = rows.ends;
    this.lengthMs = Number(page.dataset.lengthMs) || this.ends.reduce((a, b) => Math.max(a, b), 0);
    const p = $("#player");
    if (p.dataset.kind === "media") {
      player.media = p;
      player.ready = true;
      p.addEventListener("loadedmetadata", () => {
        if (!this.lengthMs) this.lengthMs = p.duration * 1000;
      });
    } else {
      startYouTube(this.videoId);
    }
    this.bindRows();
    this.bindEditor();
    this.bindTimeline();
    this.bindFind();
    $("#coder-filter").addEventListener("change", (e) => { this.coder = e.target.value; this.drawTags(); });
    setInterval(() => this.tick(), 200);
    setInterval(() => this.poll(), 700);
    this.reload().then(() => {
      const t = new URLSearchParams(location.search).get("t");
      if (t) player.seek(Number(t));
    });
  },

  // -- time
  indexAt(ms) {
    let lo = 0, hi = this.starts.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= ms) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  },
  tick() {
    const ms = player.time() * 1000;
    const moved = ms !== this.lastTime;
    this.lastTime = ms;
    if (moved) this.followTime(ms, player.playing());
    if (this.lengthMs) $("#playhead").style.setProperty("left", `${Math.min(100, (100 * ms) / this.lengthMs)}%`);
  },
  followTime(ms, scroll) {
    const i = this.indexAt(ms);
    if (i === this.current) return;
    rows.at(this.current)?.classList.remove("now");
    this.current = i;
    if (i < 0) return;
    const row = rows.at(i, scroll);
    if (!row) return;
    row.classList.add("now");
    if (scroll) {
      const box = $("#rows").getBoundingClientRect(), r = row.getBoundingClientRect();
      if (r.top < box.top || r.bottom > box.bottom) row.scrollIntoView({ block: "center" });
    }
  },
  step(by) {
    const from = this.current < 0 ? (by > 0 ? -1 : 0) : this.current;
    const i = Math.max(0, Math.min(rows.count - 1, from + by));
    if (rows.count) player.seek(this.starts[i]);
  },

  // -- selection
  bindRows() {
    const box = $("#rows");
    box.addEventListener("mousedown", (e) => {
      if (e.button !== 0) return;
      const bar = e.target.closest(".bar");
      if (bar) { this.openTag(bar.dataset.tagId, true); return; }
      const row = e.target.closest(".row");
      if (!row) return;
      const i = rows.indexOf(row);
      if (e.shiftKey && this.anchor >= 0) this.select(this.anchor, i);
      else { this.select(i, i); player.seek(this.starts[i]); }
      this.dragging = true;
      e.preventDefault();
    });
    box.addEventListener("mouseover", (e) => {
      const row = e.target.closest(".row");
      if (this.dragging && row) this.select(this.anchor, rows.indexOf(row));
      const bar = e.target.closest(".bar");
      if (bar) tip.show(bar, this.tagText(bar.dataset.tagId)); else tip.hide();
    });
    box.addEventListener("mouseleave", () => tip.hide());
    document.addEventListener("mouseup", () => { this.dragging = false; });
  },
  select(a, b) {
    this.mark(false);
    this.anchor = a;
    this.head = b;
    this.mark(true);
    this.showRange();
  },
  selection() {
    if (this.anchor < 0) return null;
    const lo = Math.min(this.anchor, this.head), hi = Math.max(this.anchor, this.head);
    return { start_ms: this.starts[lo], end_ms: this.ends.slice(lo, hi + 1).reduce((a, b) => Math.max(a, b)) };
  },
  selected(i) {
    return this.anchor >= 0 && i >= Math.min(this.anchor, this.head) && i <= Math.max(this.anchor, this.head);
  },
  mark(on) {
    if (this.anchor < 0) return;
    const lo = Math.min(this.anchor, this.head), hi = Math.max(this.anchor, this.head);
    for (let i = lo; i <= hi; i++) rows.at(i)?.classList.toggle("sel", on);
  },
  // A row's state when its chunk is built: spoken now, selected, found, its tag bars.
  decorate(row, i) {
    row.classList.toggle("now", i === this.current);
    row.classList.toggle("sel", this.selected(i));
    row.classList.toggle("found", this.found.has(i));
    row.querySelector(".bars")?.remove();
    const bars = this.barsAt.get(i);
    if (!bars) return;
    const box = el("span", { class: "bars" });
    for (const b of bars) {
      const bar = el("span", { class: "bar", "data-tag-id": b.id });
      bar.style.setProperty("--c", b.color);
      bar.style.setProperty("--x", `${b.lane * 7}px`);
      box.append(bar);
    }
    row.prepend(box);
  },
  clearSelection() {
    this.mark(false);
    this.anchor = this.head = -1;
    this.showRange();
  },

  // -- tags
  async reload() {
    try {
      const [tags, themes, changes] = await Promise.all([
        api("GET", `/api/videos/${this.videoId}/tags`),
        api("GET", "/api/themes"),
        api("GET", "/api/changes"),
      ]);
      this.stamp = changes.stamp;
      this.tags = tags;
      this.themes = themes;
      this.fillCoders();
      this.drawTags();
      this.fillThemes();
      if (this.loadFailed) this.showError(""); // a save's error stays until the next save
      this.loadFailed = false;
      for (const hook of this.hooks) hook();
    } catch (err) {
      this.showError(err.message);
      this.loadFailed = true;
    }
    this.reloadNote(); // the export of a long talk takes a while: the tags do not wait
  },
  async reloadNote() {
    try {
      this.drawNote(await api("GET", `/api/videos/${this.videoId}/note`));
    } catch (err) {
      $("#note").replaceChildren(el("p", { class: "error" }, `Error: ${err.message}`));
    }
  },
  async poll() {
    try {
      const { stamp } = await api("GET", "/api/changes");
      if (stamp !== this.stamp) await this.reload();
    } catch (err) { /* the server stopped: keep the page as it is */ }
  },
  fillCoders() {
    const box = $("#coder-filter");
    const coders = [...new Set(this.tags.map((t) => t.coder).filter(Boolean))].sort();
    if (this.coder && !coders.includes(this.coder)) coders.push(this.coder);
    box.replaceChildren(el("option", { value: "" }, "All coders"), ...coders.map((c) => el("option", { value: c }, c)));
    box.value = this.coder;
  },
  theme(slug) {
    return this.themes.find((t) => t.slug === slug) || { slug, label: slug, color: "#999999" };
  },
  lanes() {
    const ends = [], lane = new Map();
    for (const t of this.shown().sort((a, b) => a.start_ms - b.start_ms || b.end_ms - a.end_ms)) {
      let k = ends.findIndex((end) => end <= t.start_ms);
      if (k < 0) { k = ends.length; ends.push(0); }
      ends[k] = t.end_ms;
      lane.set(t.id, k);
    }
    return lane;
  },
  tagText(id) {
    const t = this.tags.find((x) => x.id === id);
    if (!t) return "";
    const names = t.themes.map((s) => this.theme(s).label).join(", ");
    return `${names}\n${clock(t.start_ms)}–${clock(t.end_ms)}${t.coder ? " · " + t.coder : ""}${t.note ? "\n" + t.note : ""}`;
  },
  shown() { return this.tags.filter((t) => !this.coder || t.coder === this.coder); },
  drawTags() {
    for (const bar of $$("#timeline .tl-tag")) bar.remove();
    const lanes = this.lanes(), list = $("#tag-list"), line = $("#timeline");
    list.replaceChildren();
    this.barsAt = new Map();
    for (const t of this.shown()) {
      const color = this.theme(t.themes[0]).color, k = lanes.get(t.id);
      let i = Math.max(0, this.indexAt(t.start_ms));
      for (; i < rows.count && this.starts[i] < t.end_ms; i++) {
        if (this.ends[i] <= t.start_ms && this.starts[i] < t.start_ms) continue;
        if (!this.barsAt.has(i)) this.barsAt.set(i, []);
        this.barsAt.get(i).push({ id: t.id, color, lane: k });
      }
      if (this.lengthMs) {
        const block = el("div", { class: "tl-tag", "data-tag-id": t.id });
        block.style.setProperty("--c", color);
        block.style.left = `${(100 * t.start_ms) / this.lengthMs}%`;
        block.style.width = `${Math.max(0.3, (100 * (t.end_ms - t.start_ms)) / this.lengthMs)}%`;
        block.style.top = `${2 + (k % 4) * 8}px`;
        block.title = this.tagText(t.id);
        line.append(block);
      }
      list.append(this.tagItem(t, color));
    }
    for (const row of rows.built()) this.decorate(row, rows.indexOf(row));
    if (!this.tags.length) list.append(el("li", { class: "empty" }, "No tags yet: select rows, pick a theme, save."));
    else if (!list.children.length) list.append(el("li", { class: "empty" }, `No tags by ${this.coder}.`));
    if (this.editing && !this.tags.some((t) => t.id === this.editing)) this.newTag();
  },
  tagItem(t, color) {
    const item = el("li", { "data-tag-id": t.id });
    item.style.setProperty("--c", color);
    if (t.id === this.editing) item.classList.add("active");
    const meta = `${clock(t.start_ms)}–${clock(t.end_ms)} · ${t.themes.map((s) => this.theme(s).label).join(", ")}${t.coder ? " · " + t.coder : ""}`;
    item.append(el("span", { class: "meta" }, meta));
    if (t.note) item.append(el("span", { class: "tag-note" }, t.note));
    item.addEventListener("click", () => this.openTag(t.id, true));
    return item;
  },
  drawNote(note) {
    const box = $("#note");
    if (!note.html) { box.replaceChildren(el("p", { class: "empty" }, "Nothing to export yet.")); return; }
    box.innerHTML = note.html; // escaped by the server
  },

  // -- the editor
  bindEditor() {
    $("#editor").addEventListener("submit", (e) => { e.preventDefault(); this.save(); });
    $("#cancel").addEventListener("click", () => { this.newTag(); this.clearSelection(); });
    $("#delete").addEventListener("click", () => this.remove());
    $("#use-selection").addEventListener("click", () => this.showRange(true));
    const input = $("#theme-input");
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        if (input.value.trim()) { this.addChip(input.value); input.value = ""; } else this.save();
      }
    });
    input.addEventListener("change", () => {
      const match = this.themes.find((t) => t.label === input.value || t.slug === input.value);
      if (match) { this.addChip(match.slug); input.value = ""; }
    });
    $("#note").addEventListener("click", (e) => {
      const a = e.target.closest("a.seek");
      if (a) { e.preventDefault(); player.seek(Number(a.dataset.seekMs)); }
    });
  },
  fillThemes() {
    const list = $("#theme-options");
    list.replaceChildren(...this.themes.map((t) => el("option", { value: t.label }, t.slug)));
    this.drawChips();
  },
  addChip(name) {
    const text = name.trim();
    const known = this.themes.find((t) => [t.slug, t.label.toLowerCase()].includes(text.toLowerCase()));
    const key = known ? known.slug : text;
    if (key && !this.chips.includes(key)) this.chips.push(key);
    this.drawChips();
  },
  drawChips() {
    const box = $("#chips");
    box.replaceChildren();
    this.chips.forEach((key, n) => {
      const known = this.themes.find((t) => t.slug === key);
      const chip = el("span", { class: known ? "chip" : "chip new", "data-theme": key }, known ? known.label : `${key} (new)`);
      chip.style.setProperty("--c", known ? known.color : "#999999");
      const x = el("button", { type: "button", "aria-label": `remove ${key}` }, "×");
      x.addEventListener("click", () => { this.chips.splice(n, 1); this.drawChips(); });
      chip.append(x);
      box.append(chip);
    });
  },
  range: null,
  showRange(fromSelection = !this.editing) {
    if (fromSelection) this.range = this.selection() || (this.editing ? this.range : null);
    $("#editor-range").textContent = this.range
      ? `${clock(this.range.start_ms)}–${clock(this.range.end_ms)}`
      : "select rows in the transcript";
    $("#use-selection").hidden = !this.editing || this.anchor < 0;
  },
  openTag(id, seek) {
    const t = this.tags.find((x) => x.id === id);
    if (!t) return;
    this.editing = id;
    this.range = { start_ms: t.start_ms, end_ms: t.end_ms };
    this.chips = [...t.themes];
    $("#note-input").value = t.note;
    $("#editor-mode").textContent = `Tag ${id}`;
    $("#editor").classList.add("editing");
    $("#delete").hidden = false;
    for (const item of $$("#tag-list li")) item.classList.toggle("active", item.dataset.tagId === id);
    this.drawChips();
    this.showRange(false);
    this.showError("");
    if (seek) player.seek(t.start_ms);
  },
  newTag() {
    this.editing = null;
    this.chips = [];
    $("#note-input").value = "";
    $("#editor-mode").textContent = "New tag";
    $("#editor").classList.remove("editing");
    $("#delete").hidden = true;
    for (const item of $$("#tag-list li")) item.classList.remove("active");
    this.drawChips();
    this.showRange(true);
    this.showError("");
  },
  showError(text) { $("#editor-error").textContent = text ? `Error: ${text}` : ""; },
  async save() {
    this.showError(""); // a new attempt: the last one's error no longer holds
    const typed = $("#theme-input").value.trim();
    if (typed) { this.addChip(typed); $("#theme-input").value = ""; }
    const known = new Set(this.themes.map((t) => t.slug));
    const body = { themes: this.chips, note: $("#note-input").value, create: this.chips.some((c) => !known.has(c)) };
    if (!this.range) { this.showError("select the rows to tag first (click, shift-click or drag)"); return; }
    Object.assign(body, this.range);
    try {
      const tag = this.editing
        ? await api("PATCH", `/api/tags/${this.editing}`, body)
        : await api("POST", `/api/videos/${this.videoId}/tags`, body);
      await this.reload();
      this.clearSelection();
      this.openTag(tag.id, false);
    } catch (err) {
      this.showError(err.message);
    }
  },
  async remove() {
    if (!this.editing) return;
    try {
      await api("DELETE", `/api/tags/${this.editing}`);
      this.newTag();
      await this.reload();
    } catch (err) {
      this.showError(err.message);
    }
  },
  startTagging() {
    if (this.anchor < 0 && this.current >= 0) this.select(this.current, this.current);
    if (this.editing) this.newTag();
    $("#theme-input").focus();
  },

  // -- timeline and find
  bindTimeline() {
    const line = $("#timeline");
    line.addEventListener("click", (e) => {
      const block = e.target.closest(".tl-tag");
      if (block) { this.openTag(block.dataset.tagId, true); return; }
      const box = line.getBoundingClientRect();
      if (this.lengthMs) player.seek(((e.clientX - box.left) / box.width) * this.lengthMs);
    });
  },
  bindFind() {
    const input = $("#search");
    let hits = [], at = -1;
    input.addEventListener("input", () => {
      const words = input.value.trim().toLowerCase();
      hits = [];
      if (words) rows.texts.forEach((text, i) => { if (text.toLowerCase().includes(words)) hits.push(i); });
      this.found = new Set(hits);
      for (const row of rows.built()) row.classList.toggle("found", this.found.has(rows.indexOf(row)));
      at = -1;
      $("#find-count").textContent = words ? `${hits.length} found` : "";
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && hits.length) {
        e.preventDefault();
        at = (at + (e.shiftKey ? hits.length - 1 : 1)) % hits.length;
        rows.at(hits[at], true).scrollIntoView({ block: "center" });
        $("#find-count").textContent = `${at + 1} of ${hits.length}`;
      }
    });
  },
};

// ---------------------------------------------------------------- hover text
const tip = {
  node: null,
  show(target, text) {
    if (!text) return;
    if (!this.node) { this.node = el("div", { class: "tip" }); document.body.append(this.node); }
    this.node.textContent = text;
    const r = target.getBoundingClientRect();
    this.node.style.left = `${r.right + 8}px`;
    this.node.style.top = `${r.top}px`;
    this.node.hidden = false;
  },
  hide() { if (this.node) this.node.hidden = true; },
};

// ---------------------------------------------------------------- keys
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") {
    if (typing(e)) e.target.blur();
    else if (view.videoId) view.clearSelection();
    toggleKeys(false);
    return;
  }
  if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
  const onVideo = Boolean(view.videoId);
  if (e.key === "?") toggleKeys();
  else if (e.key === "/") { const box = $("#search"); if (box) { e.preventDefault(); box.focus(); } }
  else if (onVideo && e.key === " ") { e.preventDefault(); player.toggle(); }
  else if (onVideo && e.key === "j") view.step(1);
  else if (onVideo && e.key === "k") view.step(-1);
  else if (onVideo && e.key === "t") { e.preventDefault(); view.startTagging(); }
});

document.addEventListener("DOMContentLoaded", () => {
  paint();
  $("#keys-button").addEventListener("click", () => toggleKeys());
  const page = $("#video-page");
  if (page) view.init(page);
});
