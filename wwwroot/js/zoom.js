// Gestures on the plot: drag across days to zoom to them, wheel or pinch to zoom around the pointer, double-click to
// return to the preset; Ctrl/Cmd-click starts an annotation on a day and Ctrl/Cmd-drag one over days. Hovering or a
// finger on the plot moves the crosshair.
import { el } from "./dom.js";
import { isoDay, timeOf } from "./chart-frame.js";

const DRAG_PIXELS = 4;
const DAY = 86400000;

/** The narrowest window a zoom may leave on screen. */
export const MIN_ZOOM_DAYS = 5;

/** The wheel's zoom factor for a scroll: proportional to the scroll, at most halving or doubling the window at once. */
export const wheelFactor = (deltaY) => Math.min(2, Math.max(0.5, Math.exp(deltaY * 0.002)));

/** The window [from, to] scaled by factor around centre: the time under the pointer stays where it is on screen. */
export const zoomAround = (centre, from, to, factor) => [centre - (centre - from) * factor, centre + (to - centre) * factor];

/**
 * The window [from, to] slid by a fraction of its width (negative: earlier), kept inside [first, last] at the same
 * width: a pan by button or key at either end of the data stops there rather than narrowing the window.
 */
export function panWindow(from, to, fraction, first, last) {
  const width = to - from;
  const min = Math.max(first, Math.min(last - width, from + width * fraction));
  return [min, min + width];
}

/**
 * The days a zoom to [minTime, maxTime] shows: cut to the data's first and last day, and at least MIN_ZOOM_DAYS wide
 * (or the whole data, if shorter), slid inside the data when widening it would cross an end.
 */
export function fitZoom(minTime, maxTime, first, last) {
  const [lo, hi] = [timeOf(first), timeOf(last)];
  const [a, b] = [Math.min(minTime, maxTime), Math.max(minTime, maxTime)];
  let [min, max] = [Math.max(lo, a), Math.min(hi, b)];
  const least = Math.min(MIN_ZOOM_DAYS * DAY, hi - lo);
  if (max - min < least) {
    const centre = Math.min(hi, Math.max(lo, (a + b) / 2));
    min = Math.min(hi - least, Math.max(lo, centre - least / 2));
    max = min + least;
  }
  return { from: isoDay(min), to: isoDay(max) };
}

/**
 * hooks: frame() → the ChartFrame on screen or null; range() → {from, to} asked for now; canAnnotate();
 * zoom(fromTime, toTime); annotate(first, last|null); hover(clientX); leave(); reset().
 */
export function attachGestures(overlay, hooks) {
  const pointers = new Map();
  let drag = null;
  let pinch = null;

  const selection = (kind) => {
    let band = overlay.querySelector(".selection");
    if (!band) overlay.append((band = el("div", { class: "selection", "data-testid": "chart-selection" })));
    band.classList.toggle("annotate", kind === "annotate");
    return band;
  };
  const clearSelection = () => overlay.querySelector(".selection")?.remove();

  overlay.addEventListener("pointerdown", (e) => {
    const frame = hooks.frame();
    // The browser snaps a tap to a nearby marker: the finger still reads the day under it.
    if (e.pointerType === "touch" && e.target !== overlay && frame?.isTime) hooks.hover(e.clientX);
    if (e.target !== overlay || !frame?.isTime || e.button > 0) return;
    if (!frame.dateAt(e.clientX) && pointers.size === 0) return;
    pointers.set(e.pointerId, e.clientX);
    overlay.setPointerCapture(e.pointerId);
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const { from, to } = hooks.range();
      pinch = { distance: Math.abs(a - b) || 1, center: frame.timeAt((a + b) / 2, true), from: timeOf(from), to: timeOf(to) };
      drag = null;
      clearSelection();
      return;
    }
    const annotate = (e.ctrlKey || e.metaKey) && hooks.canAnnotate();
    // A finger on the plot reads values; zooming by touch is the pinch and the navigator.
    drag = e.pointerType === "touch" && !annotate
      ? { touch: true }
      : { x: e.clientX, date: frame.dateAt(e.clientX), annotate };
    hooks.hover(e.clientX);
  });

  overlay.addEventListener("pointermove", (e) => {
    if (pointers.has(e.pointerId)) pointers.set(e.pointerId, e.clientX);
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      hooks.zoom(...zoomAround(pinch.center, pinch.from, pinch.to, pinch.distance / (Math.abs(a - b) || 1)));
      return;
    }
    hooks.hover(e.clientX);
    if (!drag || drag.touch) return;
    const box = overlay.getBoundingClientRect();
    const [left, right] = [drag.x, e.clientX].sort((a, b) => a - b);
    if (right - left <= DRAG_PIXELS) return;
    const band = selection(drag.annotate ? "annotate" : "zoom");
    band.style.left = `${left - box.left}px`;
    band.style.width = `${right - left}px`;
  });

  const finish = (e, cancelled) => {
    pointers.delete(e.pointerId);
    if (pinch) {
      if (pointers.size < 2) pinch = null;
      return;
    }
    const started = drag;
    drag = null;
    clearSelection();
    if (!started || started.touch || cancelled) return;
    const frame = hooks.frame();
    const end = frame?.dateAt(e.clientX, true) ?? started.date;
    const [first, last] = [started.date, end].sort();
    const dragged = Math.abs(e.clientX - started.x) > DRAG_PIXELS && first !== last;
    if (started.annotate) hooks.annotate(first, dragged ? last : null);
    else if (dragged) hooks.zoom(timeOf(first), timeOf(last));
  };
  overlay.addEventListener("pointerup", (e) => finish(e, false));
  overlay.addEventListener("pointercancel", (e) => finish(e, true));
  // A finger lifted leaves its readout in place; a mouse leaving the plot takes the guide with it.
  overlay.addEventListener("pointerleave", (e) => !drag && e.pointerType !== "touch" && hooks.leave());
  overlay.addEventListener("dblclick", (e) => e.target === overlay && hooks.reset());
  // A tap arrives as a click too, also where touch input reaches the page without pointer events.
  overlay.addEventListener("click", (e) => e.target === overlay && !e.ctrlKey && !e.metaKey && hooks.hover(e.clientX));

  overlay.addEventListener("wheel", (e) => {
    const frame = hooks.frame();
    if (!frame?.isTime || e.deltaY === 0) return;
    e.preventDefault();
    const center = frame.timeAt(e.clientX, true);
    const { from, to } = hooks.range();
    hooks.zoom(...zoomAround(center, timeOf(from), timeOf(to), wheelFactor(e.deltaY)));
  }, { passive: false });
}

export { isoDay };
