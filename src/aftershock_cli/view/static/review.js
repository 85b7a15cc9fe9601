// aftershock view: the review panels of a video page. Suggestions for the video, to
// accept (a tag) or reject (remembered in the workspace), and the stretches where
// the coders differ, drawn under the timeline. Loaded after view.js; user text goes
// in as text only.
"use strict";

const review = {
  by: "", diffsOn: false,

  init() {
    $("#sugg-by").addEventListener("change", (e) => { this.by = e.target.value; this.suggest(); });
    $("#sugg-list").addEventListener("click", (e) => this.onSuggestion(e));
    $("#show-diffs").addEventListener("change", (e) => { this.diffsOn = e.target.checked; this.differ(); });
    $("#diffs").addEventListener("click", (e) => {
      const block = e.target.closest(".tl-diff");
      if (block) player.seek(Number(block.dataset.startMs));
    });
    view.hooks.push(() => { this.suggest(); this.differ(); });
    if (view.stamp) this.suggest(); // the first reload came before this script
  },

  // -- suggestions
  async suggest() {
    const note = $("#sugg-note"), list = $("#sugg-list");
    const query = this.by ? `?by=${this.by}` : "";
    try {
      const found = await api("GET", `/api/videos/${view.videoId}/suggestions${query}`);
      note.textContent = found.meaning ? `By words only: ${found.meaning}.` : "";
      note.hidden = !found.meaning;
      list.replaceChildren(...found.suggestions.map((s) => this.item(s)));
      if (!found.suggestions.length) list.append(el("li", { class: "empty" }, "Nothing left to suggest."));
    } catch (err) {
      note.textContent = `Error: ${err.message}`;
      note.hidden = false;
      list.replaceChildren();
    }
  },
  item(s) {
    const theme = view.theme(s.theme);
    const item = el("li", {
      class: "sugg", "data-theme": s.theme, "data-start-ms": String(s.start_ms), "data-end-ms": String(s.end_ms),
    });
    item.style.setProperty("--c", theme.color);
    const score = Number.isInteger(s.score) ? s.score : s.score.toFixed(2);
    item.append(
      el("a", { class: "seek", href: "#" }, `${clock(s.start_ms)}–${clock(s.end_ms)} · ${theme.label}`),
      el("span", { class: "because" }, `score ${score}; ${s.because}`),
      el("span", { class: "sugg-text" }, s.text),
      el("button", { type: "button", class: "accept" }, "Accept"),
      el("button", { type: "button", class: "reject" }, "Reject"),
    );
    return item;
  },
  async onSuggestion(e) {
    const item = e.target.closest("li.sugg");
    if (!item) return;
    const body = { theme: item.dataset.theme, start_ms: Number(item.dataset.startMs), end_ms: Number(item.dataset.endMs) };
    if (e.target.closest("a.seek")) { e.preventDefault(); player.seek(body.start_ms); return; }
    const button = e.target.closest("button");
    if (!button) return;
    const verb = button.classList.contains("accept") ? "accept" : "reject";
    try {
      await api("POST", `/api/videos/${view.videoId}/suggestions/${verb}`, body);
      item.remove();
      if (verb === "accept") await view.reload(); else await this.suggest();
    } catch (err) {
      view.showError(err.message);
    }
  },

  // -- where the coders differ
  async differ() {
    const strip = $("#diffs"), note = $("#diffs-note");
    strip.hidden = note.hidden = !this.diffsOn;
    if (!this.diffsOn) return;
    try {
      const found = await api("GET", `/api/videos/${view.videoId}/disagreements`);
      strip.replaceChildren(...found.stretches.map((d) => this.stretch(d)));
      note.textContent = found.message || `${found.stretches.length} stretch(es) where ${found.coders.join(", ")} differ; a click seeks there.`;
    } catch (err) {
      note.textContent = `Error: ${err.message}`;
    }
  },
  stretch(d) {
    const block = el("div", {
      class: "tl-diff", "data-theme": d.theme, "data-start-ms": String(d.start_ms), "data-end-ms": String(d.end_ms),
    });
    const length = view.lengthMs || 1;
    block.style.setProperty("--c", view.theme(d.theme).color);
    block.style.left = `${(100 * d.start_ms) / length}%`;
    block.style.width = `${Math.max(0.4, (100 * (d.end_ms - d.start_ms)) / length)}%`;
    const who = `marked by ${d.marked_by.join(", ")}; not by ${d.not_marked_by.join(", ")}`;
    block.title = `${view.theme(d.theme).label} ${clock(d.start_ms)}–${clock(d.end_ms)}: ${who}`;
    return block;
  },
};

document.addEventListener("DOMContentLoaded", () => { if (view.videoId) review.init(); });
