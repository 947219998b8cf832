// What the pointer does on the chart, from buttons and keys as well (WCAG 2.5.7): zoom in and out, pan, step through
// the events, annotate a day or a period; plus what the picture says, said otherwise: a data table of the visible
// values and live annotations announced politely. The dashboard hands in its hooks; this module owns no view state.
import { timeOf } from "./chart-frame.js";
import { panWindow, zoomAround } from "./zoom.js";
import { EventStepper, eventDay } from "./event-stepper.js";
import { LiveAnnouncer } from "./live-announcer.js";
import { ChartDataTable } from "./data-table.js";

const $ = (selector) => document.querySelector(selector);

/**
 * hooks: frame() → the ChartFrame on screen or null; span() → {first, last} of the data; zoomTo(minTime, maxTime);
 * crosshair (Crosshair); eventTime() → is the event-time view on; events() → the events that can be studied;
 * vendors() → the vendors' symbols; annotations (LiveAnnotations); panel (AnnotationPanel).
 */
export function attachChartAccess(chart, hooks) {
  hooks.crosshairDay = () => hooks.crosshair.date;
  // In event time the stepper starts from the event aligned at day 0; in calendar time from the crosshair's day.
  hooks.alignedEventId = () => (hooks.eventTime() ? $("#event-ids").selectedOptions[0]?.value ?? null : null);
  hooks.showEvent = (event) => showEvent(event, hooks);
  const timeFrame = () => (hooks.frame()?.isTime && !hooks.eventTime() ? hooks.frame() : null);
  const zoomBy = (factor) => {
    const frame = timeFrame();
    if (!frame) return;
    const centre = hooks.crosshairDay() ? timeOf(hooks.crosshairDay()) : (frame.min + frame.max) / 2;
    hooks.zoomTo(...zoomAround(Math.min(frame.max, Math.max(frame.min, centre)), frame.min, frame.max, factor));
  };
  const panBy = (fraction) => {
    const frame = timeFrame();
    if (!frame) return;
    const span = hooks.span();
    hooks.zoomTo(...panWindow(frame.min, frame.max, fraction, timeOf(span.first), timeOf(span.last)));
  };
  const stepper = new EventStepper($("#event-announcer"), hooks);
  const actions = { "zoom-in": () => zoomBy(0.5), "zoom-out": () => zoomBy(2), "pan-earlier": () => panBy(-0.5), "pan-later": () => panBy(0.5),
    "event-previous": () => stepper.step(-1), "event-next": () => stepper.step(1) };
  for (const [id, act] of Object.entries(actions)) $(`#${id}`)?.addEventListener("click", act);
  $("#annotate-here")?.addEventListener("click", () => hooks.panel.startAt(hooks.crosshairDay() ?? "", null, "#annotation-date"));

  // Keys on the focused chart, beside the crosshair's: Ctrl+← → pan half a window, N and P step through the events.
  chart.addEventListener("keydown", (e) => {
    if (e.target !== chart || e.altKey || e.metaKey) return;
    if (e.ctrlKey && (e.key === "ArrowLeft" || e.key === "ArrowRight")) panBy(e.key === "ArrowLeft" ? -0.5 : 0.5);
    else if (!e.ctrlKey && (e.key === "n" || e.key === "p")) stepper.step(e.key === "n" ? 1 : -1);
    else return;
    e.preventDefault();
  });

  const announcer = new LiveAnnouncer($("#annotation-announcer"), $("#announce-toggle"));
  const known = new Map();
  hooks.annotations.onChange((change) => {
    if (change) announcer.say(change.kind, hooks.annotations.get(change.id) ?? known.get(change.id));
    known.clear();
    for (const a of hooks.annotations.all) known.set(a.id, a);
  });
  const table = new ChartDataTable($("#chart-data"), $("#chart-data-table"), $("#chart-data-status"));
  return {
    /** The view just drawn: the data table follows it; the zoom and pan buttons work in calendar time only. */
    drawn(view) {
      table.show(view);
      for (const id of ["zoom-in", "zoom-out", "pan-earlier", "pan-later"]) $(`#${id}`).disabled = view.eventTime;
    },
  };
}

/**
 * Shows the event a step reached: in the study panel, and on the chart: aligned at day 0 in event time, else under
 * the crosshair, the window slid to centre it when it lies outside.
 */
function showEvent(event, hooks) {
  const change = (select) => select.dispatchEvent(new Event("change", { bubbles: true }));
  $("#study-event").value = event.id;
  change($("#study-event"));
  if (hooks.eventTime()) {
    [...$("#event-ids").options].forEach((o) => (o.selected = o.value === event.id));
    return change($("#event-ids"));
  }
  const day = eventDay(event);
  const frame = hooks.frame();
  if (frame?.isTime && (day < frame.from || day > frame.to)) {
    const half = (frame.max - frame.min) / 2;
    hooks.crosshair.hide();
    hooks.crosshair.moveAfterView(day);
    hooks.zoomTo(timeOf(day) - half, timeOf(day) + half);
  } else hooks.crosshair.moveTo(day);
}
