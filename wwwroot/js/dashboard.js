import { ARTICLE_WINDOW, chartQuery, permalink, presetRange, readView, viewFromUrl, writeView } from "./view.js";
import { LiveAnnotations } from "./live-annotations.js";
import { ChartFrame, fitToWindow, timeOf } from "./chart-frame.js";
import { pictureTheme, showStatus } from "./page.js";
import { OverlayFeed, drawOverlay } from "./annotation-layer.js";
import { FeedNotices, loadChart, retryDelay } from "./feed.js";
import { copyLink, updateDownloads as linkDownloads } from "./downloads.js";
import { linkPublish } from "./publish-link.js";
import { markerButton, markerLabel, placeAnnotationMarkers, showTooltip } from "./chart-details.js";
import { AnnotationPanel } from "./annotation-panel.js";
import { Crosshair } from "./crosshair.js";
import { attachGestures, fitZoom, zoomAround } from "./zoom.js";
import { Navigator } from "./navigator.js";
import { showStudy } from "./study-panel.js";
import { attachChartAccess } from "./chart-access.js";

const $ = (selector) => document.querySelector(selector);
const form = $("#view-controls");
// The controls apply as they change; Enter in a field must not reload the page. (No inline handler: the CSP forbids it.)
form.addEventListener("submit", (event) => event.preventDefault());
const chart = $("#chart");
const image = $("#chart-image");
const layer = $("#annotation-layer");
const overlay = $("#chart-overlay");
const tooltip = $("#chart-tooltip");
const notices = new FeedNotices($("#feed-notices"));
const annotations = new LiveAnnotations({ notices });
// The marks on the chart come from the server, for the seq it is at; a push can arrive before its answer was read,
// so the page asks again while it knows of a later seq than it drew.
const overlayFeed = new OverlayFeed(notices, () => annotations.lastSeq, () => drawLive());

// Who is looking, from the page: only editors see write controls; the server checks every write anyway.
const me = { name: document.body.dataset.user, role: document.body.dataset.role, canWrite: document.body.dataset.canWrite === "true" };
const panel = new AnnotationPanel(annotations, me, { "Content-Type": "application/json", "X-CSRF-TOKEN": document.body.dataset.csrf });

let series = [];
let roles = { vendors: [], benchmark: null };
let eventsById = new Map();
let frame = null;
let requested = { width: 1200, height: 600 };
let customBase = null;
let drawToken = 0;
let access = null;
const crosshair = new Crosshair($("#crosshair"), $("#chart-readout"), eventsById, annotations);
const navigator_ = new Navigator($("#chart-navigator"), (min, max) => zoomTo(min, max));

function dataSpan(symbols) {
  const chosen = series.filter((s) => symbols.includes(s.symbol));
  const list = chosen.length ? chosen : series;
  return {
    first: list.map((s) => s.firstDate).sort()[0],
    last: list.map((s) => s.lastDate).sort().at(-1),
  };
}

/** The part of the chart query a reading depends on: the same view revalidates to a 304 however it is drawn. */
function readingQuery(query, keys) {
  return new URLSearchParams([...query].filter(([key]) => keys.includes(key)));
}

const fittedSize = () => fitToWindow(chart, $("#chart-readout").offsetHeight + (readView(form).view === "time" ? 64 : 12));

let drawTimer = 0;
function scheduleDraw() {
  clearTimeout(drawTimer);
  drawTimer = setTimeout(draw, 60);
}

let drawFailures = 0, drawRetry = 0;

/**
 * Draws the static picture (prices, events, axes) for the view, then the annotation marks the server placed over it.
 * The picture is loaded off-screen: a refusal (429, 503) or error keeps the last one on screen, says why, tries again.
 */
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
  linkPublish(view);
  const size = fittedSize();
  const query = chartQuery(view, size.width, size.height);
  requested = size;
  if (pictureTheme() === "dark") query.set("theme", "dark");
  updateDownloads(query);
  query.set("annotations", "false");
  const pixelRatio = Math.min(3, Math.max(1, Math.round(window.devicePixelRatio || 1)));
  if (pixelRatio > 1) query.set("scale", String(pixelRatio));

  const token = ++drawToken;
  clearTimeout(drawRetry);
  let loaded;
  try {
    loaded = await loadChart(query);
  } catch (error) {
    if (token === drawToken) {
      notices.report("chart", error.notice ?? `Chart: ${error.message}`);
      drawRetry = setTimeout(draw, retryDelay(drawFailures++, error));
    }
    return;
  }
  if (token !== drawToken) return;
  const { src, layout } = loaded;
  drawFailures = 0;
  notices.report("chart", null);
  image.src = src;
  image.width = size.width;
  image.height = size.height;
  frame = new ChartFrame(chart, layout, size);
  overlayFeed.setView(query);
  annotations.watch(String(query));
  drawLive();
  $("#zoom-reset").disabled = eventTime;
  const readings = readingQuery(query, ["symbols", "benchmark", "from", "to", "mode", "currency"]);
  crosshair.setView(frame, readings);
  access?.drawn({ eventTime, query: String(query), readings: String(readings) });
  const span = dataSpan(view.symbols);
  if (eventTime) $("#chart-navigator").hidden = true;
  else navigator_.update(span.first, span.last, view.from, view.to, readingQuery(query, ["symbols", "mode", "currency"]));
}

/** Draws the annotation marks of the last overlay answer and every marker; then says which seq is on screen. */
function drawLive() {
  if (!frame) {
    overlay.replaceChildren();
    layer.replaceChildren();
    return;
  }
  const shown = overlayFeed.shown;
  const annotationMarkers = drawOverlay(layer, shown);
  if (markersOf !== frame) {
    markersOf = frame;
    placeMarkers([...frame.layout.markers.filter((m) => m.kind === "event"), ...annotationMarkers]);
  } else {
    // The event markers stay; only the annotation markers change with the live state.
    markers = [...markers.filter((m) => m.kind === "event"), ...annotationMarkers];
    placeAnnotationMarkers(overlay, annotationMarkers, frame, eventsById, annotations);
  }
  if (shown) chart.dataset.annotationsSeq = String(shown.seq);
}

const updateDownloads = (query = chartQuery(readView(form), requested.width, requested.height)) => linkDownloads(query, requested);

let markers = [];
let markersOf = null;
function placeMarkers(list = markers) {
  markers = list;
  overlay.replaceChildren(...list.map((m) => markerButton(m, frame, eventsById, annotations)));
}

/** Zooms or pans to a time range, kept inside the data and at least a few days wide; the URL follows. */
function zoomTo(minTime, maxTime) {
  if (!frame?.isTime || !Number.isFinite(minTime) || !Number.isFinite(maxTime)) return;
  const view = readView(form);
  const span = dataSpan(view.symbols);
  const { from, to } = fitZoom(minTime, maxTime, span.first, span.last);
  if (from === view.from && to === view.to) return;
  form.querySelector("#range-from").value = from;
  form.querySelector("#range-to").value = to;
  scheduleDraw();
}

/** Back to the range the preset (or the link's own range) gives. */
function resetZoom() {
  const preset = form.querySelector("#range-preset").value;
  if (preset === "custom" && customBase) {
    form.querySelector("#range-from").value = customBase.from;
    form.querySelector("#range-to").value = customBase.to;
  } else {
    applyPreset();
  }
  scheduleDraw();
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

/** Keys on the focused chart: arrows move the crosshair a trading day (Shift: a week), Enter annotates the day. */
function chartKeys(e) {
  if (e.target !== chart || !frame?.isTime) return;
  const steps = { ArrowLeft: -1, ArrowRight: 1, PageUp: -21, PageDown: 21 };
  if (e.key in steps && !e.ctrlKey) crosshair.step(steps[e.key] * (e.shiftKey ? 5 : 1));
  else if (e.key === "Home") crosshair.first();
  else if (e.key === "End") crosshair.last();
  else if (e.key === "Enter" && crosshair.date) (e.shiftKey ? panel.endAt(crosshair.date) : panel.startAt(crosshair.date));
  else if ((e.key === "+" || e.key === "-") && crosshair.date) {
    zoomTo(...zoomAround(timeOf(crosshair.date), frame.min, frame.max, e.key === "+" ? 0.5 : 2));
  } else if (e.key === "0") resetZoom();
  else return;
  e.preventDefault();
}

async function start() {
  // The page was rendered with the series and events: they come with it rather than by two more requests.
  const data = JSON.parse($("#dashboard-data").textContent);
  series = data.series;
  roles = { vendors: data.vendors, benchmark: data.benchmark };
  eventsById = new Map(data.events.map((e) => [e.id, e]));
  crosshair.eventsById = eventsById;
  const defaults = {
    view: "time", eventIds: [], window: 10, benchmark: false,
    range: "article", ...ARTICLE_WINDOW, mode: "rebased", log: false, events: "all", currency: "",
    symbols: [...roles.vendors],
  };
  const initial = viewFromUrl(defaults);
  writeView(form, initial);
  customBase = { from: initial.from, to: initial.to };

  form.addEventListener("change", (e) => {
    if (e.target.id === "range-from" || e.target.id === "range-to") {
      form.querySelector("#range-preset").value = "custom";
      customBase = { from: form.querySelector("#range-from").value, to: form.querySelector("#range-to").value };
    } else applyPreset();
    scheduleDraw();
  });
  overlay.addEventListener("mouseover", (e) => e.target.classList.contains("marker") && showTooltip(tooltip, chart, e.target, eventsById, annotations));
  overlay.addEventListener("focusin", (e) => e.target.classList.contains("marker") && showTooltip(tooltip, chart, e.target, eventsById, annotations));
  overlay.addEventListener("mouseleave", () => (tooltip.hidden = true));
  overlay.addEventListener("focusout", () => (tooltip.hidden = true));
  document.addEventListener("keydown", (e) => e.key === "Escape" && (tooltip.hidden = true));
  overlay.addEventListener("click", (e) => {
    if (e.target.dataset?.kind === "event" && [...$("#study-event").options].some((o) => o.value === e.target.dataset.id)) {
      $("#study-event").value = e.target.dataset.id;
      showStudy();
    }
  });
  attachGestures(overlay, {
    frame: () => frame,
    range: () => ({ from: form.querySelector("#range-from").value, to: form.querySelector("#range-to").value }),
    canAnnotate: () => me.canWrite,
    zoom: zoomTo,
    annotate: (first, last) => panel.startAt(first, last),
    hover: (clientX) => frame?.dateAt(clientX) && crosshair.moveTo(frame.dateAt(clientX)),
    leave: () => crosshair.hide(),
    reset: resetZoom,
  });
  chart.addEventListener("keydown", chartKeys);
  access = attachChartAccess(chart, { frame: () => frame, span: () => dataSpan(readView(form).symbols), zoomTo, crosshair, annotations, panel,
    eventTime: () => readView(form).view === "event-time", vendors: () => [...$("#study-symbol").options].map((o) => o.value),
    events: () => [...$("#study-event").options].map((o) => eventsById.get(o.value)).filter(Boolean) });
  // Focus from the keyboard starts the crosshair on the last day; a tap or click has put it where it landed.
  chart.addEventListener("focus", () => !crosshair.date && chart.matches(":focus-visible") && crosshair.last());
  $("#zoom-reset").addEventListener("click", resetZoom);
  $("#controls-toggle").addEventListener("click", (e) => {
    const open = form.classList.toggle("is-open");
    e.currentTarget.setAttribute("aria-expanded", String(open));
  });
  $("#study-event").addEventListener("change", showStudy);
  $("#study-symbol").addEventListener("change", showStudy);
  showStudy();
  $("#copy-link").addEventListener("click", copyLink);
  for (const id of ["#export-width", "#export-height"]) {
    $(id).addEventListener("change", (e) => {
      e.target.dataset.touched = "true";
      updateDownloads();
    });
  }
  $("#export-scale").addEventListener("change", () => updateDownloads());
  new ResizeObserver(() => {
    if (!frame) return;
    if (Math.abs(fittedSize().width - requested.width) > 40) scheduleDraw();
    else placeMarkers();
  }).observe(chart);

  annotations.onStatus((status) => showStatus($("#connection-status"), status));
  annotations.onMarks(({ query, marks }) => overlayFeed.accept(query, marks));
  annotations.onChange((change) => {
    // The list (panel, tooltips) follows at once; the marks on the chart come from the server, for the seq it is at.
    if (change) {
      overlayFeed.expect(annotations.lastSeq);
      // Marks pushed ahead of their change were placed before the list knew their text: name its marker now.
      overlay.querySelectorAll(`.marker-annotation[data-id="${change.id}"]`).forEach((b) => b.setAttribute("aria-label", markerLabel(b.dataset, eventsById, annotations)));
    }
    panel.render(change);
  });
  // The chart does not wait for the annotation feed: each is drawn (or its failure said) on its own.
  Object.assign(image, fittedSize());
  draw();
  annotations.start();
}

start();
