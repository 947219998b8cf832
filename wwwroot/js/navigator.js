// The navigator: the whole history in a strip under the chart, with the visible window as a brush to drag
// (pan) or resize by its edges; a press beside the brush moves the window there. The strip is the server's
// overview of the plotted series (/api/chart/overview), a few points per pixel column, revalidated with each view.
import { isoDay, timeOf } from "./chart-frame.js";

const MIN_BRUSH = 6;
// The narrowest strip the server draws (a chart's least width); a narrower navigator scales it down.
const MIN_OVERVIEW_WIDTH = 320;

export class Navigator {
  #span = null;
  #range = null;
  #drawn = "";
  #token = 0;

  /** onRange(fromTime, toTime) is called when a drag ends. */
  constructor(root, onRange) {
    this.root = root;
    this.canvas = root.querySelector("canvas");
    this.brush = root.querySelector(".brush");
    this.onRange = onRange;
    this.#attach();
  }

  /** Shows the history of the chart query's series over [first, last] with the window [from, to]. */
  async update(first, last, from, to, query) {
    this.root.hidden = !first || !last;
    if (this.root.hidden) return;
    this.#span = { min: timeOf(first), max: timeOf(last) };
    this.#range = { min: timeOf(from), max: timeOf(to) };
    this.#place();
    const overview = new URLSearchParams(query);
    overview.set("width", String(Math.max(MIN_OVERVIEW_WIDTH, Math.round(this.root.clientWidth))));
    // Asked again with each view: the browser revalidates (a 304 while the data is unchanged; new points after an import).
    const token = ++this.#token;
    const response = await fetch(`/api/chart/overview?${overview}`).catch(() => null);
    if (!response?.ok || token !== this.#token) return;
    const key = `${response.headers.get("ETag")}|${this.root.clientWidth}|${first}|${last}`;
    if (key === this.#drawn) return;
    const strip = await response.json();
    if (token !== this.#token) return;
    this.#drawn = key;
    this.#draw(strip);
  }

  #x(time) { return ((time - this.#span.min) / (this.#span.max - this.#span.min)) * this.root.clientWidth; }

  #time(x) { return this.#span.min + (x / this.root.clientWidth) * (this.#span.max - this.#span.min); }

  #place() {
    const left = Math.max(0, this.#x(this.#range.min));
    const right = Math.min(this.root.clientWidth, this.#x(this.#range.max));
    this.brush.style.left = `${left}px`;
    this.brush.style.width = `${Math.max(MIN_BRUSH, right - left)}px`;
    this.brush.setAttribute("aria-valuetext", `${isoDay(this.#range.min)} to ${isoDay(this.#range.max)}`);
  }

  #draw(strip) {
    const ratio = window.devicePixelRatio || 1;
    const width = this.root.clientWidth;
    const height = this.canvas.clientHeight || 44;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const g = this.canvas.getContext("2d");
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, height);
    if (!strip.from) return;
    const [start, end] = [timeOf(strip.from), timeOf(strip.to)];
    // The strip's pixel columns are laid over the navigator's own span of time.
    const x = (column) => this.#x(start + (column / strip.width) * (end - start));
    for (const line of strip.series) {
      g.strokeStyle = line.color;
      g.globalAlpha = 0.75;
      g.lineWidth = 1;
      g.beginPath();
      line.xs.forEach((column, k) => {
        const py = height - 4 - line.ys[k] * (height - 8);
        if (k === 0) g.moveTo(x(column), py);
        else g.lineTo(x(column), py);
      });
      g.stroke();
    }
  }

  #attach() {
    let drag = null;
    this.root.addEventListener("pointerdown", (e) => {
      if (!this.#span || e.button > 0) return;
      const box = this.root.getBoundingClientRect();
      const x = e.clientX - box.left;
      const width = this.#range.max - this.#range.min;
      let mode = e.target.classList.contains("handle-start") ? "start" : e.target.classList.contains("handle-end") ? "end" : "move";
      if (e.target === this.root || e.target === this.canvas) {
        // Beside the brush: centre the window on the day pressed, then carry on dragging it.
        const centre = this.#time(x);
        this.#range = { min: centre - width / 2, max: centre + width / 2 };
        this.#clamp(width);
        this.#place();
        mode = "move";
      }
      drag = { mode, x, range: { ...this.#range } };
      this.root.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    this.root.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const x = e.clientX - this.root.getBoundingClientRect().left;
      const shift = this.#time(x) - this.#time(drag.x);
      const day = 86400000 * 7;
      const width = drag.range.max - drag.range.min;
      if (drag.mode === "move") this.#range = { min: drag.range.min + shift, max: drag.range.max + shift };
      else if (drag.mode === "start") this.#range = { min: Math.min(drag.range.min + shift, drag.range.max - day), max: drag.range.max };
      else this.#range = { min: drag.range.min, max: Math.max(drag.range.max + shift, drag.range.min + day) };
      this.#clamp(drag.mode === "move" ? width : null);
      this.#place();
    });
    const end = () => {
      if (!drag) return;
      drag = null;
      this.onRange(this.#range.min, this.#range.max);
    };
    this.root.addEventListener("pointerup", end);
    this.root.addEventListener("pointercancel", end);
    this.brush.addEventListener("keydown", (e) => {
      if (!this.#span || !["ArrowLeft", "ArrowRight"].includes(e.key)) return;
      e.preventDefault();
      const width = this.#range.max - this.#range.min;
      const shift = (e.key === "ArrowLeft" ? -1 : 1) * width * 0.1;
      this.#range = { min: this.#range.min + shift, max: this.#range.max + shift };
      this.#clamp(width);
      this.#place();
      this.onRange(this.#range.min, this.#range.max);
    });
  }

  /** Keeps the window inside the history; a moved window keeps its width. */
  #clamp(width) {
    let { min, max } = this.#range;
    if (width !== null) {
      if (min < this.#span.min) [min, max] = [this.#span.min, this.#span.min + width];
      if (max > this.#span.max) [min, max] = [this.#span.max - width, this.#span.max];
    }
    this.#range = { min: Math.max(this.#span.min, min), max: Math.min(this.#span.max, max) };
  }
}
