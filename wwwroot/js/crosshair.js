// The crosshair: a guide at one trading day and a readout of that day — each series' stored value in the chart's
// mode and its change from the previous trading day, and the events and annotations of the day. Pointer, touch and
// the arrow keys drive it; the readout is a live region, so a screen reader hears where the keys took it.
import { el } from "./dom.js";
import { firstOnOrAfter, history, plotted } from "./price-history.js";
import { eventSpan } from "./chart-details.js";

const SERIES_COLORS = ["#1F2937", "#7C3AED", "#0E7490", "#B45309", "#BE123C", "#4D7C0F", "#1D4ED8", "#6B7280"];
const BENCHMARK_COLOR = "#9CA3AF";

const round6 = (x) => Math.round(x * 1e6) / 1e6;

export class Crosshair {
  #days = [];
  #lines = [];
  #index = -1;
  #frame = null;
  #mode = "rebased";
  #token = 0;
  #pending = null;

  constructor(guide, readout, eventsById, annotations) {
    this.guide = guide;
    this.readout = readout;
    this.eventsById = eventsById;
    this.annotations = annotations;
  }

  get date() { return this.#days[this.#index] ?? null; }

  /** Takes the view now on screen: its frame, mode and plotted series ({symbol, isBenchmark} in drawing order). */
  async setView(frame, mode, series) {
    const token = ++this.#token;
    const kept = this.date;
    this.#frame = frame.isTime ? frame : null;
    this.#mode = mode;
    if (!this.#frame) {
      this.#days = [];
      this.#lines = [];
      this.hide();
      return;
    }
    const histories = await Promise.all(series.map((s) => history(s.symbol)));
    if (token !== this.#token) return;
    let colorIndex = 0;
    this.#lines = series.map((s, i) => {
      const days = histories[i];
      const range = plotted(days, frame.from, frame.to, mode);
      const byDate = new Map();
      for (let k = range.start; k < range.end; k++) byDate.set(days[k].date, k);
      const color = s.isBenchmark ? BENCHMARK_COLOR : SERIES_COLORS[colorIndex++ % SERIES_COLORS.length];
      return { symbol: s.symbol, color, days, range, byDate };
    });
    this.#days = [...new Set(this.#lines.flatMap((l) => l.days.slice(l.range.start, l.range.end).map((d) => d.date)))].sort();
    const wanted = this.#pending ?? (this.#index >= 0 ? kept : null);
    this.#pending = null;
    if (typeof wanted === "function") wanted();
    else if (wanted) this.moveTo(wanted);
  }

  /** Moves to the trading day nearest a date (clamped to the days shown). */
  moveTo(iso) {
    if (!iso) return;
    // Pointed at before the day's values have arrived: shown as soon as they do.
    if (!this.#frame || this.#days.length === 0) {
      this.#pending = iso;
      return;
    }
    let i = Math.min(this.#days.length - 1, firstOnOrAfter(this.#days.map((d) => ({ date: d })), iso));
    if (i > 0 && Date.parse(iso) - Date.parse(this.#days[i - 1]) < Date.parse(this.#days[i]) - Date.parse(iso)) i--;
    this.#show(i);
  }

  /** Moves by a number of trading days; from nothing, starts at the last day. */
  step(count) {
    if (this.#later(() => this.step(count))) return;
    const from = this.#index < 0 ? this.#days.length - (count > 0 ? 1 : 0) : this.#index;
    this.#show(Math.max(0, Math.min(this.#days.length - 1, from + count)));
  }

  first() {
    if (!this.#later(() => this.first())) this.#show(0);
  }

  last() {
    if (!this.#later(() => this.last())) this.#show(this.#days.length - 1);
  }

  /** Keeps a move asked for before the days have arrived, to make once they have. */
  #later(move) {
    if (this.#frame && this.#days.length > 0) return false;
    this.#pending = move;
    return true;
  }

  hide() {
    this.#index = -1;
    this.#pending = null;
    this.guide.hidden = true;
  }

  #show(index) {
    if (index < 0 || index >= this.#days.length) return;
    this.#index = index;
    const date = this.#days[index];
    const box = this.#frame.dataBox;
    this.guide.hidden = false;
    this.guide.style.left = `${this.#frame.cssX(date)}px`;
    this.guide.style.top = `${box.top}px`;
    this.guide.style.height = `${box.height}px`;
    this.guide.dataset.date = date;
    this.#render(date);
  }

  #render(date) {
    const rows = this.#lines.map((line) => {
      const k = line.byDate.get(date);
      const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.background = line.color;
      if (k === undefined) return el("li", { class: "readout-series", "data-symbol": line.symbol }, swatch, el("strong", { text: line.symbol }), " no trading");
      const value = line.range.shown(line.days[k]);
      const basis = this.#mode === "price" ? "close" : "value";
      const previous = k > 0 ? line.days[k - 1][basis] : null;
      const change = previous ? (line.days[k][basis] / previous - 1) * 100 : null;
      return el("li", { class: "readout-series", "data-symbol": line.symbol },
        swatch,
        el("strong", { text: line.symbol }),
        el("span", { class: "value", "data-value": String(round6(value)), text: this.#format(value) }),
        el("span", { class: `change ${change > 0 ? "up" : change < 0 ? "down" : ""}`, "data-change": change === null ? "" : String(round6(change)), text: change === null ? "" : `${change >= 0 ? "+" : "−"}${Math.abs(change).toFixed(2)}% d/d` }));
    });
    const notes = [...this.#eventsOn(date), ...this.#annotationsOn(date)];
    this.readout.replaceChildren(
      el("span", { class: "readout-date", "data-testid": "readout-date", text: date }),
      el("ul", { class: "readout-values" }, ...rows),
      ...(notes.length ? [el("ul", { class: "readout-notes" }, ...notes)] : []));
  }

  #format(value) {
    if (this.#mode === "percent") return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(2)}%`;
    return value.toFixed(2);
  }

  #eventsOn(date) {
    return [...this.eventsById.values()]
      .filter((e) => {
        const span = eventSpan(e);
        return span && span.start <= date && span.end >= date;
      })
      .map((e) => el("li", { class: "readout-event", "data-event-id": e.id, text: `${e.id} · ${e.title}` }));
  }

  #annotationsOn(date) {
    return this.annotations.all
      .filter((a) => a.date <= date && (a.endDate ?? a.date) >= date)
      .map((a) => el("li", { class: "readout-annotation", "data-annotation-id": String(a.id), text: `Note by ${a.author}: ${a.text}` }));
  }
}
