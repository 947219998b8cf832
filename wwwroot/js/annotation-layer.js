// Draws the annotation marks the server placed for this view (its /api/chart/annotations answer) over the picture:
// the same lines, bands, label boxes, text and colours the renderer draws into a download. Nothing is decided here.

import { fetchOk, retryDelay } from "./feed.js";

const SVG = "http://www.w3.org/2000/svg";
/** How long a page waits for the pushed marks of a change before it asks for them. */
const PUSH_GRACE_MS = 400;

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/**
 * Draws the overlay's marks on the layer; returns their markers ({kind, id, x, x2}) in the picture's pixels.
 * A live change moves a few marks of many, so a mark whose placement is unchanged keeps its nodes: every tab in a
 * room of viewers then redraws only what changed.
 */
export function drawOverlay(layer, overlay) {
  if (!overlay) {
    layer.replaceChildren();
    drawings.delete(layer);
    return [];
  }
  const frame = JSON.stringify([overlay.width, overlay.height, overlay.dataRect]);
  let drawing = drawings.get(layer);
  if (drawing?.frame !== frame) {
    drawing = newDrawing(layer, overlay, frame);
    drawings.set(layer, drawing);
  }
  const placed = new Map();
  overlay.marks.forEach((m, i) => {
    const key = JSON.stringify(m);
    const old = drawing.placed.get(m.id);
    const nodes = old?.key === key ? old : { key, shape: shape(m), label: m.label ? label(m) : null };
    if (old && old !== nodes) {
      old.shape.remove();
      old.label?.remove();
    }
    placed.set(m.id, nodes);
    keepAt(drawing.shapes, nodes.shape, i);
  });
  for (const [id, old] of drawing.placed) {
    if (!placed.has(id)) {
      old.shape.remove();
      old.label?.remove();
    }
  }
  [...placed.values()].filter((n) => n.label).forEach((n, i) => keepAt(drawing.labels, n.label, i));
  drawing.placed = placed;
  return overlay.marks.map((m) => ({ kind: "annotation", id: m.id, x: m.x, x2: m.x2 ?? null }));
}

/** What each layer shows: its frame (size and data area) and the nodes of each mark, by annotation id. */
const drawings = new WeakMap();

function newDrawing(layer, overlay, frame) {
  layer.setAttribute("viewBox", `0 0 ${overlay.width} ${overlay.height}`);
  const rect = overlay.dataRect;
  const defs = svg("defs", {});
  const clip = svg("clipPath", { id: "annotation-clip" });
  clip.append(svg("rect", { x: rect.left, y: rect.top, width: rect.width, height: rect.height }));
  defs.append(clip);
  // Labels are drawn over every line and band, as the renderer draws them.
  const shapes = svg("g", {});
  const labels = svg("g", {});
  const clipped = svg("g", { "clip-path": "url(#annotation-clip)" });
  clipped.append(shapes, labels);
  layer.replaceChildren(defs, clipped);
  return { frame, shapes, labels, placed: new Map() };
}

/** Puts a node at its place in the drawing order, moving it only when it is not there already. */
function keepAt(group, node, index) {
  const there = group.children[index] ?? null;
  if (there !== node) group.insertBefore(node, there);
}

function shape(m) {
  return m.x2 != null
    ? svg("rect", {
      x: m.x, y: m.top, width: Math.max(0, m.x2 - m.x), height: m.height, fill: m.color, "fill-opacity": m.fillOpacity,
      stroke: m.color, "stroke-opacity": m.lineOpacity, "stroke-width": m.lineWidth, "data-annotation-id": m.id,
    })
    : svg("line", {
      x1: m.x, x2: m.x, y1: m.top, y2: m.top + m.height, stroke: m.color, "stroke-opacity": m.lineOpacity, "stroke-width": m.lineWidth, "data-annotation-id": m.id,
    });
}

function label(m) {
  const l = m.label;
  const group = svg("g", { class: "annotation-label", "data-annotation-id": m.id });
  group.append(svg("rect", { class: "label-box", x: l.x, y: l.y, width: l.width, height: l.height, fill: l.background, "fill-opacity": l.backgroundOpacity }));
  const text = svg("text", { x: l.textX, y: l.baseline, fill: m.color, "font-size": l.fontSize, "font-family": l.fontFamily });
  // People's words: only ever text, never markup.
  text.textContent = l.text;
  group.append(text);
  return group;
}

/**
 * The overlay of the view on screen (/api/chart/annotations with the picture's query), asked again on each live change.
 * Calls while one request is under way fold into one more round, so a burst of changes costs a viewer two requests.
 */
export class OverlayFeed {
  shown = null;
  #query = null;
  #flight = null;
  #again = false;
  #failures = 0;
  #retry = 0;

  constructor(notices, knownSeq, drawn) {
    this.notices = notices;
    this.knownSeq = knownSeq;
    this.drawn = drawn;
  }

  /** A new picture: its marks are asked for at once; until they arrive none are drawn. */
  setView(query) {
    this.#query = String(query);
    this.shown = null;
    this.refresh();
  }

  /** Marks the hub pushed for a watched view: shown when they are this view's and not older than those on screen. */
  accept(query, overlay) {
    if (query !== this.#query || (this.shown && overlay.seq < this.shown.seq)) return;
    this.shown = overlay;
    this.#failures = 0;
    this.notices.report("overlay", null);
    this.drawn();
  }

  /** A change at `seq` was announced: its marks are normally pushed right behind it; if they do not come, ask. */
  expect(seq) {
    if (this.shown && this.shown.seq >= seq) return;
    setTimeout(() => {
      if (!this.shown || this.shown.seq < seq) this.refresh();
    }, PUSH_GRACE_MS);
  }

  async refresh() {
    if (this.#flight) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#retry);
    this.#flight = this.#run();
    try {
      await this.#flight;
    } finally {
      this.#flight = null;
    }
  }

  async #run() {
    do {
      this.#again = false;
      const query = this.#query;
      if (query === null) return;
      try {
        const overlay = await (await fetchOk(`/api/chart/annotations?${query}`, "Annotations on the chart")).json();
        this.#failures = 0;
        this.notices.report("overlay", null);
        if (query !== this.#query) {
          this.#again = true;
          continue;
        }
        this.shown = overlay;
        this.drawn();
        if (overlay.seq < this.knownSeq()) this.#again = true;
      } catch (error) {
        this.notices.report("overlay", error.notice ?? `Annotations on the chart: ${error.message}`);
        this.#retry = setTimeout(() => this.refresh(), retryDelay(this.#failures++, error));
        return;
      }
    } while (this.#again);
  }
}
