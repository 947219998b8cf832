// Tables of what the pictures show, for readers who cannot see them: the plotted values of the chart's visible range
// (per series, as /api/chart/values or, in event time, /api/chart.csv answer them) and a study's days (as
// /api/event-study answers them). The pure part (shaping the tables) runs under Node's test runner too.
import { el } from "./dom.js";

/** The time chart's values as a table: a row per trading day, a column per series; a day a series did not trade is "—". */
export function valuesTable(values) {
  const head = ["Date", ...values.series.map((s) => `${s.symbol} (${values.mode})`)];
  const rows = values.dates.map((date, i) => [date, ...values.series.map((s) => (s.values[i] === null ? "—" : s.values[i].toFixed(2)))]);
  return { head, rows };
}

/** A CSV the app wrote (RFC 4180: quoted cells may hold commas, quotes doubled) as a header and rows. */
export function csvTable(text) {
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else if (c !== "\r") cell += c;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return { head: rows[0] ?? [], rows: rows.slice(1) };
}

const pct = (x) => (x * 100).toFixed(2);

/** A study's event window as a table: each day's return, the market's, the model's, the abnormal return and the CAR, in %. */
export function studyTable(study) {
  return {
    head: ["Day", "Date", `${study.symbol} return %`, `${study.benchmark} return %`, "Expected %", "Abnormal %", "CAR %"],
    rows: study.rows.map((r) => [r.day > 0 ? `+${r.day}` : String(r.day), r.date, pct(r.return), pct(r.benchmarkReturn), pct(r.expected), pct(r.abnormal), pct(r.car)]),
  };
}

/** Fills a table element (caption, column headers, a row header per row) from {head, rows}. */
export function renderTable(table, caption, { head, rows }) {
  table.replaceChildren(
    el("caption", { text: caption }),
    el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...rows.map(([first, ...rest]) => el("tr", {}, el("th", { scope: "row", text: first }), ...rest.map((v) => el("td", { text: v }))))));
}

/**
 * The chart's data table in its disclosure: read when opened and after each view while open, never while closed,
 * so the chart's own requests stay as they were.
 */
export class ChartDataTable {
  #view = null;
  #token = 0;

  constructor(details, table, status) {
    this.details = details;
    this.table = table;
    this.status = status;
    details.addEventListener("toggle", () => details.open && this.#load());
  }

  /** The view now drawn: {eventTime, query (the picture's), readings (the values' query)}. */
  show(view) {
    this.#view = view;
    if (this.details.open) this.#load();
  }

  async #load() {
    const view = this.#view;
    if (!view) return;
    const token = ++this.#token;
    this.status.textContent = "Loading…";
    const url = view.eventTime ? `/api/chart.csv?${view.query}` : `/api/chart/values?${view.readings}`;
    const response = await fetch(url).catch(() => null);
    if (token !== this.#token) return;
    if (!response?.ok) {
      this.status.textContent = `The values could not be read${response ? ` (${response.status})` : ""}; open this again to retry.`;
      return;
    }
    const shaped = view.eventTime ? csvTable(await response.text()) : valuesTable(await response.json());
    if (token !== this.#token) return;
    renderTable(this.table, view.eventTime ? "Values by trading day from day 0" : "Values by trading day of the visible range", shaped);
    this.status.textContent = `${shaped.rows.length} rows.`;
  }
}

/**
 * A single study's table in its disclosure (the Events page): the study read from `details.dataset.study` when first
 * opened, its days shaped as on the dashboard; a study the prices cannot give says the server's reason.
 */
export class StudyDataTable {
  #loaded = false;

  constructor(details, table, status) {
    this.details = details;
    this.table = table;
    this.status = status;
    details.addEventListener("toggle", () => details.open && !this.#loaded && this.#load());
  }

  async #load() {
    this.#loaded = true;
    this.status.textContent = "Loading…";
    const response = await fetch(this.details.dataset.study).catch(() => null);
    if (!response?.ok) {
      this.#loaded = false;
      const problem = response ? await response.json().catch(() => null) : null;
      this.status.textContent = problem?.detail ? `No study for this event: ${problem.detail}` : "The study could not be read; open this again to retry.";
      return;
    }
    const study = await response.json();
    renderTable(this.table, `${study.symbol} around ${this.details.dataset.eventId}: each day of the event window, in %`, studyTable(study));
    this.status.textContent = `${study.rows.length} days.`;
  }
}
