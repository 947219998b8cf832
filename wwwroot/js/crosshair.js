// The crosshair: a guide at one trading day and a readout of that day — each series' value as the chart plots it
// and its change from the previous trading day, and the events and annotations of the day. The values are the
// server's (/api/chart/values for the view on screen), revalidated with each view, so an import shows on the next one.
// Pointer, touch and the arrow keys drive it; the readout is a live region, so a screen reader hears where the keys
// took it.
import { el } from "./dom.js";
import { eventSpan } from "./chart-details.js";

export class Crosshair {
  #values = { mode: "rebased", dates: [], series: [] };
  #index = -1;
  #frame = null;
  #token = 0;
  #pending = null;

  constructor(guide, readout, eventsById, annotations) {
    this.guide = guide;
    this.readout = readout;
    this.eventsById = eventsById;
    this.annotations = annotations;
  }

  get #days() { return this.#values.dates; }

  get date() { return this.#days[this.#index] ?? null; }

  /** Takes the view now on screen: its frame and the chart query it was drawn from. */
  async setView(frame, query) {
    const token = ++this.#token;
    const kept = this.date;
    this.#frame = frame.isTime ? frame : null;
    if (!this.#frame) {
      this.#values = { mode: "rebased", dates: [], series: [] };
      this.hide();
      return;
    }
    const response = await fetch(`/api/chart/values?${query}`).catch(() => null);
    const values = response?.ok ? await response.json() : null;
    if (token !== this.#token) return;
    if (!values) {
      // Nothing to read for this view (refused or busy): no readout rather than the last view's numbers.
      this.#values = { mode: "rebased", dates: [], series: [] };
      this.hide();
      return;
    }
    this.#values = values;
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
    let i = Math.min(this.#days.length - 1, firstOnOrAfter(this.#days, iso));
    if (i > 0 && Date.parse(iso) - Date.parse(this.#days[i - 1]) < Date.parse(this.#days[i]) - Date.parse(iso)) i--;
    this.#show(i);
  }

  /** Moves to a day once the next view's values have arrived (a view about to be drawn around it). */
  moveAfterView(iso) { this.#pending = iso; }

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
    const k = this.#index;
    const rows = this.#values.series.map((line) => {
      const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.background = line.color;
      const value = line.values[k];
      if (value === null) return el("li", { class: "readout-series", "data-symbol": line.symbol }, swatch, el("strong", { text: line.symbol }), " no trading");
      const change = line.changes[k];
      return el("li", { class: "readout-series", "data-symbol": line.symbol },
        swatch,
        el("strong", { text: line.symbol }),
        el("span", { class: "value", "data-value": String(value), text: this.#format(value) }),
        el("span", { class: `change ${change > 0 ? "up" : change < 0 ? "down" : ""}`, "data-change": change === null ? "" : String(change), text: change === null ? "" : `${change >= 0 ? "+" : "−"}${Math.abs(change).toFixed(2)}% d/d` }));
    });
    const notes = [...this.#eventsOn(date), ...this.#annotationsOn(date)];
    this.readout.replaceChildren(
      el("span", { class: "readout-date", "data-testid": "readout-date", text: date }),
      el("ul", { class: "readout-values" }, ...rows),
      ...(notes.length ? [el("ul", { class: "readout-notes" }, ...notes)] : []));
  }

  #format(value) {
    if (this.#values.mode === "percent") return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(2)}%`;
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

/** Index of the first ISO day on or after iso in an ascending list. */
function firstOnOrAfter(days, iso) {
  let low = 0, high = days.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (days[mid] < iso) low = mid + 1;
    else high = mid;
  }
  return low;
}
