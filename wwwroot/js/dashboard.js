import { ARTICLE_WINDOW, chartQuery, permalink, presetRange, readView, viewFromUrl, writeView } from "./view.js";
import { LiveAnnotations } from "./live-annotations.js";
import { el } from "./dom.js";

const $ = (selector) => document.querySelector(selector);
const form = $("#view-controls");
// The controls apply as they change; Enter in a field must not reload the page. (No inline handler: the CSP forbids it.)
form.addEventListener("submit", (event) => event.preventDefault());
const chart = $("#chart");
const image = $("#chart-image");
const overlay = $("#chart-overlay");
const tooltip = $("#chart-tooltip");
const annotations = new LiveAnnotations();

// Who is looking, from the page: only editors see write controls; the server checks every write anyway.
const me = { name: document.body.dataset.user, role: document.body.dataset.role, canWrite: document.body.dataset.canWrite === "true" };
const writeHeaders = { "Content-Type": "application/json", "X-CSRF-TOKEN": document.body.dataset.csrf };
const mayChange = (a) => me.role === "admin" || (me.canWrite && a.author === me.name);

let series = [];
let eventsById = new Map();
let layout = null;
let requested = { width: 1200, height: 600 };

function dataSpan(symbols) {
  const chosen = series.filter((s) => symbols.includes(s.symbol));
  const list = chosen.length ? chosen : series;
  return {
    first: list.map((s) => s.firstDate).sort()[0],
    last: list.map((s) => s.lastDate).sort().at(-1),
  };
}

function chartSize() {
  const width = Math.max(320, Math.min(2000, Math.round(chart.clientWidth || 1200)));
  const height = Math.max(320, Math.min(700, Math.round(width * 0.5)));
  return { width, height };
}

let drawTimer = 0;
function scheduleDraw() {
  clearTimeout(drawTimer);
  drawTimer = setTimeout(draw, 60);
}

async function draw() {
  const view = readView(form);
  const eventTime = view.view === "event-time";
  form.querySelectorAll(".time-only").forEach((f) => (f.hidden = eventTime));
  form.querySelectorAll(".event-time-only").forEach((f) => (f.hidden = !eventTime));
  if (eventTime && view.eventIds.length === 0) {
    // Something to look at straight away: the study panel's event.
    [...form.querySelector("#event-ids").options].forEach((o) => (o.selected = o.value === $("#study-event").value));
    view.eventIds = [$("#study-event").value];
  }
  history.replaceState(null, "", permalink(view));
  requested = chartSize();
  const query = chartQuery(view, requested.width, requested.height);
  // The annotation seq makes a new picture whenever the shared annotations change.
  query.set("v", String(annotations.lastSeq));
  const pixelRatio = Math.min(3, Math.max(1, Math.round(window.devicePixelRatio || 1)));
  const pngQuery = new URLSearchParams(query);
  if (pixelRatio > 1) pngQuery.set("scale", String(pixelRatio));
  image.src = `/api/chart.png?${pngQuery}`;
  image.width = requested.width;
  image.height = requested.height;

  updateDownloads(query);

  const response = await fetch(`/api/chart/layout?${query}`);
  if (!response.ok) {
    layout = null;
    overlay.replaceChildren();
    return;
  }
  layout = await response.json();
  placeMarkers();
}

/** Downloads draw the view on screen, at the size and density chosen for the file. */
function updateDownloads(query = chartQuery(readView(form), requested.width, requested.height)) {
  const widthInput = $("#export-width");
  const heightInput = $("#export-height");
  if (!widthInput.dataset.touched) widthInput.value = String(requested.width);
  if (!heightInput.dataset.touched) heightInput.value = String(requested.height);
  const download = new URLSearchParams(query);
  download.delete("v");
  download.set("width", widthInput.value || String(requested.width));
  download.set("height", heightInput.value || String(requested.height));
  download.set("download", "true");
  const png = new URLSearchParams(download);
  png.set("scale", $("#export-scale").value);
  $("#download-png").href = `/api/chart.png?${png}`;
  $("#download-svg").href = `/api/chart.svg?${download}`;
  $("#download-csv").href = `/api/chart.csv?${download}`;
}

async function copyLink() {
  const button = $("#copy-link");
  try {
    await navigator.clipboard.writeText(location.href);
    button.textContent = "Link copied";
  } catch {
    window.prompt("Copy this link:", location.href);
  }
  setTimeout(() => (button.textContent = "Copy link"), 2000);
}

function placeMarkers() {
  const scale = (chart.clientWidth || requested.width) / requested.width;
  const markers = layout.markers.map((m) => {
    const left = m.x * scale;
    const button = el("button", {
      type: "button",
      class: `marker ${m.x2 != null ? "band" : ""} marker-${m.kind}`,
      "data-kind": m.kind,
      "data-id": m.id,
      "aria-label": markerLabel(m),
    });
    button.style.left = `${left}px`;
    if (m.x2 != null) {
      // A period is a ribbon along the top of the data area: it gets a tooltip without hiding the days beneath it.
      button.style.width = `${Math.max(9, (m.x2 - m.x) * scale)}px`;
      button.style.top = `${layout.dataRect.top * scale}px`;
    }
    // Bands sit beneath lines so that a line inside a band stays reachable.
    button.style.zIndex = m.x2 != null ? "1" : "2";
    return button;
  });
  overlay.replaceChildren(...markers);
}

function markerLabel(marker) {
  if (marker.kind === "event") {
    const e = eventsById.get(marker.id);
    return e ? `Event ${e.id}: ${e.title}` : `Event ${marker.id}`;
  }
  const a = annotations.get(marker.id);
  return a ? `Annotation on ${a.date}: ${a.text}` : `Annotation ${marker.id}`;
}

function showTooltip(button) {
  const { kind, id } = button.dataset;
  const content = kind === "event" ? eventDetails(eventsById.get(id)) : annotationDetails(annotations.get(id));
  if (!content) return;
  tooltip.replaceChildren(...content);
  tooltip.hidden = false;
  const chartBox = chart.getBoundingClientRect();
  const box = button.getBoundingClientRect();
  const x = Math.min(box.left - chartBox.left + 12, chartBox.width - tooltip.offsetWidth - 4);
  tooltip.style.left = `${Math.max(4, x)}px`;
  tooltip.style.top = "48px";
  document.querySelectorAll(".event-table tr.is-active").forEach((row) => row.classList.remove("is-active"));
  if (kind === "event") document.getElementById(`event-${id}`)?.classList.add("is-active");
}

function hideTooltip() {
  tooltip.hidden = true;
}

function detailList(pairs) {
  return el("dl", {}, ...pairs.filter(([, v]) => v !== null && v !== undefined && v !== "").flatMap(([k, v]) => [el("dt", { text: k }), el("dd", {}, v)]));
}

function eventDetails(e) {
  if (!e) return null;
  const when = e.endDate ? `${e.date} – ${e.endDate}` : e.precision === "month" ? e.date.slice(0, 7) : e.date;
  const sources = e.sources.length
    ? el("span", {}, ...e.sources.map((url, i) => el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: `[${i + 1}] ` })))
    : "—";
  return [
    el("h3", { text: e.title }),
    el("div", { text: e.summary }),
    detailList([
      ["Date", when],
      ["Precision", e.precision],
      ["First public", e.firstPublic + (e.firstPublicTimeUtc ? ` ${e.firstPublicTimeUtc} UTC` : "")],
      ["Category", e.category],
      ["Article", e.articleParagraph ? `¶${e.articleParagraph} · ${e.articleNote}` : e.articleNote],
      ["Company-specific", e.companies.length ? e.companies.join(", ") : null],
      ["Sources", sources],
    ]),
  ];
}

function annotationDetails(a) {
  if (!a) return null;
  return [
    el("h3", { text: `Annotation by ${a.author}` }),
    el("div", { class: "text", text: a.text }),
    detailList([
      ["Date", a.endDate ? `${a.date} – ${a.endDate}` : a.date],
      ["Vendor", a.symbol ?? "all"],
      ["Updated", new Date(a.updatedAt).toLocaleString()],
    ]),
  ];
}

/** The date under a pointer, from the layout's linear pixel ↔ time mapping. */
function dateAt(clientX) {
  if (!layout || !layout.xMin) return null;
  const scale = (chart.clientWidth || requested.width) / requested.width;
  const x = (clientX - chart.getBoundingClientRect().left) / scale;
  const { left, width } = layout.dataRect;
  if (x < left || x > left + width) return null;
  const min = Date.parse(layout.xMin);
  const max = Date.parse(layout.xMax);
  const time = min + ((x - left) / width) * (max - min);
  return new Date(Math.round(time / 86400000) * 86400000).toISOString().slice(0, 10);
}

function renderAnnotationList(change) {
  const list = $("#annotation-list");
  const items = annotations.all.map((a) =>
    el("li", { "data-annotation-id": String(a.id), class: change && change.id === a.id && change.kind !== "deleted" ? "flash" : "" },
      el("div", { class: "meta", text: `${a.endDate ? `${a.date} – ${a.endDate}` : a.date}${a.symbol ? ` · ${a.symbol}` : ""} · ${a.author}` }),
      el("div", { class: "text", text: a.text }),
      el("div", { class: "actions" },
        mayChange(a) ? el("button", { type: "button", class: "edit", text: "Edit", "aria-label": `Edit annotation of ${a.date}`, onclick: () => startEdit(a) }) : null,
        mayChange(a) ? el("button", { type: "button", class: "delete", text: "Delete", "aria-label": `Delete annotation of ${a.date}`, onclick: () => remove(a) }) : null,
        el("button", { type: "button", class: "history", text: "History", "aria-expanded": "false", "aria-label": `History of the annotation of ${a.date}`, onclick: (e) => toggleHistory(a, e.currentTarget) })),
      el("ol", { class: "history-list", "data-testid": "annotation-history", hidden: true })));
  list.replaceChildren(...items);
  $("#annotation-empty").hidden = items.length > 0;
}

/** The audit trail of one annotation: every change, who made it and when, with the text before and after. */
async function toggleHistory(a, button) {
  const list = button.closest("li").querySelector(".history-list");
  if (!list.hidden) {
    list.hidden = true;
    button.setAttribute("aria-expanded", "false");
    return;
  }
  const response = await fetch(`/api/annotations/${a.id}/history`);
  if (!response.ok) return;
  const describe = (x) => (x ? `${x.endDate ? `${x.date} – ${x.endDate}` : x.date}${x.symbol ? ` · ${x.symbol}` : ""}: ${x.text}` : "—");
  list.replaceChildren(...(await response.json()).map((change) =>
    el("li", {},
      el("div", { class: "meta", text: `#${change.seq} ${change.kind} by ${change.changedBy}, ${new Date(change.changedAt).toLocaleString()}` }),
      change.kind === "updated" ? el("div", { class: "before", text: `before: ${describe(change.before)}` }) : null,
      el("div", { class: "after", text: change.kind === "deleted" ? `removed: ${describe(change.before)}` : `${change.kind === "added" ? "text" : "after"}: ${describe(change.after)}` }))));
  list.hidden = false;
  button.setAttribute("aria-expanded", "true");
}

function startEdit(a) {
  $("#annotation-id").value = String(a.id);
  $("#annotation-date").value = a.date;
  $("#annotation-end-date").value = a.endDate ?? "";
  $("#annotation-symbol").value = a.symbol ?? "";
  $("#annotation-text").value = a.text;
  $("#annotation-submit").textContent = "Save changes";
  $("#annotation-cancel").hidden = false;
  $("#annotation-text").focus();
}

function resetForm() {
  $("#annotation-form").reset();
  $("#annotation-id").value = "";
  $("#annotation-submit").textContent = "Add annotation";
  $("#annotation-cancel").hidden = true;
}

async function remove(a) {
  if (!confirm(`Delete the annotation of ${a.date}?`)) return;
  const response = await fetch(`/api/annotations/${a.id}`, { method: "DELETE", headers: writeHeaders });
  if (!response.ok && response.status !== 404) $("#annotation-message").textContent = await problemText(response);
}

async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.errors?.map((e) => e.message).join(" ") || problem.detail || problem.title;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

async function submitAnnotation(event) {
  event.preventDefault();
  const message = $("#annotation-message");
  message.textContent = "";
  const id = $("#annotation-id").value;
  const body = {
    date: $("#annotation-date").value,
    endDate: $("#annotation-end-date").value || null,
    symbol: $("#annotation-symbol").value || null,
    text: $("#annotation-text").value,
  };
  const response = await fetch(id ? `/api/annotations/${id}` : "/api/annotations", {
    method: id ? "PUT" : "POST",
    headers: writeHeaders,
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    message.textContent = await problemText(response);
    return;
  }
  const saved = await response.json();
  annotations.apply(id ? "updated" : "added", saved);
  resetForm();
}

/** The dashboard's event-study panel: the chosen event's abnormal returns for the chosen vendor. */
async function showStudy() {
  const eventId = $("#study-event").value;
  const symbol = $("#study-symbol").value;
  const summary = $("#study-summary");
  const chartImage = $("#study-chart");
  if (!eventId || !symbol) return;
  const query = new URLSearchParams({ symbol, eventId });
  $("#study-link").href = `/Events?selected=${encodeURIComponent(`${eventId}:${symbol}`)}`;
  const response = await fetch(`/api/event-study?${query}`);
  if (!response.ok) {
    chartImage.hidden = true;
    summary.textContent = await problemText(response);
    return;
  }
  const study = await response.json();
  const percent = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)}%`;
  const stars = study.pValue < 0.01 ? "***" : study.pValue < 0.05 ? "**" : study.pValue < 0.1 ? "*" : "";
  const others = study.confounders.length ? ` · other news in the window: ${study.confounders.map((c) => c.id).join(", ")}` : "";
  summary.textContent = `Day 0 ${study.day0}: CAR[−${study.pre},+${study.post}] ${percent(study.car)}${stars}, t = ${study.tStat.toFixed(2)}, p = ${study.pValue < 0.001 ? "<0.001" : study.pValue.toFixed(3)}${others}`;
  chartImage.src = `/api/event-study/chart.png?${query}&width=1000&height=400`;
  chartImage.hidden = false;
}

function setStatus(status) {
  const badge = $("#connection-status");
  badge.textContent = status;
  badge.classList.toggle("is-connected", status === "connected");
}

function applyPreset() {
  const view = readView(form);
  const span = dataSpan(view.symbols);
  const range = presetRange(view.range, span.first, span.last);
  if (range) {
    form.querySelector("#range-from").value = range.from;
    form.querySelector("#range-to").value = range.to;
  }
}

async function start() {
  [series, eventsById] = await Promise.all([
    fetch("/api/series").then((r) => r.json()),
    fetch("/api/events").then((r) => r.json()).then((list) => new Map(list.map((e) => [e.id, e]))),
  ]);
  const defaults = {
    view: "time", eventIds: [], window: 10, benchmark: false,
    range: "article", ...ARTICLE_WINDOW, mode: "rebased", log: false, events: "all",
    symbols: series.filter((s) => s.role === "vendor").map((s) => s.symbol),
  };
  writeView(form, viewFromUrl(defaults));

  form.addEventListener("change", (e) => {
    if (e.target.id === "range-from" || e.target.id === "range-to") form.querySelector("#range-preset").value = "custom";
    else applyPreset();
    scheduleDraw();
  });
  overlay.addEventListener("mouseover", (e) => e.target.classList.contains("marker") && showTooltip(e.target));
  overlay.addEventListener("focusin", (e) => e.target.classList.contains("marker") && showTooltip(e.target));
  overlay.addEventListener("mouseleave", hideTooltip);
  overlay.addEventListener("focusout", hideTooltip);
  document.addEventListener("keydown", (e) => e.key === "Escape" && hideTooltip());
  overlay.addEventListener("click", (e) => {
    if (e.target.dataset?.kind === "event" && [...$("#study-event").options].some((o) => o.value === e.target.dataset.id)) {
      $("#study-event").value = e.target.dataset.id;
      showStudy();
    }
  });
  // Press on a day to start an annotation there; drag across days to give it an end date too.
  let dragStart = null;
  overlay.addEventListener("pointerdown", (e) => {
    if (e.target !== overlay || !me.canWrite || !dateAt(e.clientX)) return;
    dragStart = { x: e.clientX, date: dateAt(e.clientX) };
    overlay.setPointerCapture(e.pointerId);
  });
  overlay.addEventListener("pointermove", (e) => {
    if (!dragStart) return;
    const box = chart.getBoundingClientRect();
    const [left, right] = [dragStart.x, e.clientX].sort((a, b) => a - b);
    let band = overlay.querySelector(".selection");
    if (!band) overlay.append((band = el("div", { class: "selection" })));
    band.style.left = `${left - box.left}px`;
    band.style.width = `${right - left}px`;
  });
  overlay.addEventListener("pointerup", (e) => {
    if (!dragStart) return;
    const end = dateAt(Math.min(Math.max(e.clientX, chart.getBoundingClientRect().left), chart.getBoundingClientRect().right)) ?? dragStart.date;
    const [first, last] = [dragStart.date, end].sort();
    const dragged = Math.abs(e.clientX - dragStart.x) > 4 && first !== last;
    dragStart = null;
    overlay.querySelector(".selection")?.remove();
    resetForm();
    $("#annotation-date").value = first;
    $("#annotation-end-date").value = dragged ? last : "";
    $("#annotation-text").focus();
  });
  $("#annotation-form").addEventListener("submit", submitAnnotation);
  $("#study-event").addEventListener("change", showStudy);
  $("#study-symbol").addEventListener("change", showStudy);
  showStudy();
  $("#annotation-cancel").addEventListener("click", resetForm);
  $("#copy-link").addEventListener("click", copyLink);
  for (const id of ["#export-width", "#export-height"]) {
    $(id).addEventListener("change", (e) => {
      e.target.dataset.touched = "true";
      updateDownloads();
    });
  }
  $("#export-scale").addEventListener("change", () => updateDownloads());
  new ResizeObserver(() => layout && Math.abs(chartSize().width - requested.width) > 40 ? scheduleDraw() : layout && placeMarkers()).observe(chart);

  annotations.onStatus(setStatus);
  annotations.onChange((change) => {
    renderAnnotationList(change);
    if (change) scheduleDraw();
  });
  await annotations.start();
  draw();
}

start();
