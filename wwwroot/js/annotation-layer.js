// Draws the shared annotations over the static picture from the live state, as the server's renderer draws them
// into downloads (same colour, line widths, label text, rows and placement), so a change shows the moment its
// message arrives and costs the server nothing per viewer.

const SVG = "http://www.w3.org/2000/svg";
const COLOR = "#8B2F00";
const CHAR_WIDTH = 6.6;
const ROW_HEIGHT = 16;

const textWidth = (text) => text.length * CHAR_WIDTH + 6;

function shorten(text, length) {
  const oneLine = text.replace(/\r\n|\r|\n/g, " ");
  return oneLine.length <= length ? oneLine : `${oneLine.slice(0, length - 1)}…`;
}

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/** Each label in the first row where it clears its neighbour, else its short id in the least crowded row. */
export function placeLabels(labels, left, dataWidth, maxRows) {
  if (labels.length === 0 || maxRows === 0) return labels.map((l) => ({ text: "", row: -1, x: l.x }));
  const rowEnds = Array(maxRows).fill(-Infinity);
  const right = left + dataWidth;
  return labels.map((label) => {
    const fit = (text) => {
      const x = label.x + textWidth(text) > right ? label.x - textWidth(text) - 2 : label.x + 3;
      const row = rowEnds.findIndex((end) => end + 4 <= x);
      return row < 0 ? null : { text, row, x };
    };
    let slot = fit(label.text) ?? fit(label.shortText);
    if (!slot) {
      const row = rowEnds.indexOf(Math.min(...rowEnds));
      slot = { text: label.shortText, row, x: Math.max(label.x + 3, rowEnds[row] + 4) };
    }
    rowEnds[slot.row] = Math.max(rowEnds[slot.row], slot.x + textWidth(slot.text));
    return slot;
  });
}

/**
 * Replaces the layer's drawing with these annotations; returns their markers in the picture's pixels
 * ({kind, id, x, x2}), as the layout gives them for a picture that draws them itself.
 */
export function drawAnnotations(layer, frame, annotations) {
  const { width, height } = frame.requested;
  layer.setAttribute("viewBox", `0 0 ${width} ${height}`);
  layer.replaceChildren();
  if (!frame.isTime) return [];
  const { dataRect: rect } = frame.layout;
  const shown = annotations
    .filter((a) => a.date <= frame.to && (a.endDate ?? a.date) >= frame.from)
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  const rows = frame.layout.annotationLabelRows ?? 2;
  const bottom = frame.layout.annotationLabelBottom ?? rect.top + rect.height - 3;
  const labels = placeLabels(shown.map((a) => ({ x: frame.pictureX(a.date), text: shorten(a.text, 28), shortText: `A${a.id}` })), rect.left, rect.width, rows);

  const clip = svg("clipPath", { id: "annotation-clip" });
  clip.append(svg("rect", { x: rect.left, y: rect.top, width: rect.width, height: rect.height }));
  const marks = svg("g", { "clip-path": "url(#annotation-clip)" });
  const markers = [];
  shown.forEach((a, i) => {
    const x = frame.pictureX(a.date);
    const id = String(a.id);
    if (a.endDate && a.endDate > a.date) {
      const x2 = frame.pictureX(a.endDate);
      marks.append(svg("rect", {
        x, y: rect.top, width: Math.max(0, x2 - x), height: rect.height,
        fill: COLOR, "fill-opacity": 0.1, stroke: COLOR, "stroke-opacity": 0.6, "stroke-width": 1, "data-annotation-id": id,
      }));
      markers.push({ kind: "annotation", id, x, x2 });
    } else {
      marks.append(svg("line", { x1: x, x2: x, y1: rect.top, y2: rect.top + rect.height, stroke: COLOR, "stroke-opacity": 0.9, "stroke-width": 1.6, "data-annotation-id": id }));
      markers.push({ kind: "annotation", id, x, x2: null });
    }
    const label = labels[i];
    if (label.row >= 0 && label.text) {
      const top = bottom - (label.row + 1) * ROW_HEIGHT;
      const group = svg("g", { class: "annotation-label" });
      group.append(svg("rect", { x: label.x - 1, y: top - 1, width: textWidth(label.text) - 4, height: 15, fill: "#FFFFFF", "fill-opacity": 0.8 }));
      const text = svg("text", { x: label.x, y: top + 11, fill: COLOR, "font-size": 11, "font-family": "DejaVu Sans, sans-serif" });
      text.textContent = label.text;
      group.append(text);
      marks.append(group);
    }
  });
  layer.append(svg("defs", {}), marks);
  layer.firstChild.append(clip);
  return markers;
}
