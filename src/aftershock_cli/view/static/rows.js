// aftershock view: the transcript rows of a video page. Loaded after view.js (whose
// helpers it uses); the words go in as text only.
"use strict";

// The server sends the rows as columns of data; the page keeps them in chunks of CHUNK
// rows and builds a chunk's elements only when it comes near the visible part of the
// list, so a three-hour talk does not build 7,800 rows at once. An empty chunk holds the
// place of its rows with an estimated height.
const CHUNK = 80;
const rows = {
  box: null, starts: [], ends: [], texts: [], speakers: [], chunks: [], rowHeight: 28, measured: false,
  decorate: () => {},

  load(box, data) {
    this.box = box;
    this.starts = data.start;
    this.ends = data.end;
    this.texts = data.text;
    this.speakers = data.speaker;
    const seen = new IntersectionObserver((items) => {
      for (const item of items) if (item.isIntersecting) this.fill(Number(item.target.dataset.chunk));
    }, { root: box, rootMargin: "800px 0px" });
    for (let k = 0; k * CHUNK < this.starts.length; k++) {
      const chunk = el("div", { class: "chunk", "data-chunk": String(k) });
      chunk.style.height = `${Math.min(CHUNK, this.starts.length - k * CHUNK) * this.rowHeight}px`;
      this.chunks.push(chunk);
      seen.observe(chunk);
    }
    box.replaceChildren(...this.chunks);
  },
  get count() { return this.starts.length; },
  fill(k) {
    const chunk = this.chunks[k];
    if (!chunk || chunk.dataset.filled) return;
    const first = k * CHUNK, last = Math.min(this.count, first + CHUNK);
    const made = [];
    for (let i = first; i < last; i++) made.push(this.make(i));
    chunk.replaceChildren(...made);
    chunk.dataset.filled = "1";
    chunk.style.height = "";
    for (const row of made) this.decorate(row, Number(row.dataset.i));
    if (!this.measured) this.measure(chunk, made.length);
  },
  // The first chunk built tells the height of a row: the empty chunks take it.
  measure(chunk, n) {
    this.measured = true;
    const height = chunk.getBoundingClientRect().height / n;
    if (!(height > 0)) return;
    this.rowHeight = height;
    this.chunks.forEach((c, k) => {
      if (!c.dataset.filled) c.style.height = `${Math.min(CHUNK, this.count - k * CHUNK) * height}px`;
    });
  },
  make(i) {
    const row = el("div", {
      class: "row", "data-i": String(i), "data-start-ms": String(this.starts[i]),
      "data-end-ms": String(this.ends[i]), "data-clock": clock(this.starts[i]),
    });
    const who = this.speakers[i];
    const named = who && who !== this.speakers[i - 1];
    if (named) row.append(el("span", { class: "speaker" }, `${who}:`));
    row.append(document.createTextNode(named ? ` ${this.texts[i]}` : this.texts[i]));
    return row;
  },
  // The element of row i, when its chunk is built (``build``: build it now).
  at(i, build = false) {
    if (i < 0 || i >= this.count) return null;
    const chunk = this.chunks[Math.floor(i / CHUNK)];
    if (!chunk.dataset.filled) { if (!build) return null; this.fill(Math.floor(i / CHUNK)); }
    return chunk.children[i % CHUNK];
  },
  built() { return $$(".row", this.box); },
  indexOf(row) { return Number(row.dataset.i); },
};

