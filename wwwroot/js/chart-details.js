// The tooltip of a marker: an event's title, dates, paragraph and sources, or an annotation's text and author.
import { el } from "./dom.js";

export function markerLabel(marker, eventsById, annotations) {
  const dayZeros = marker.listings?.length ? `; ${dayZeroLines(marker.listings, (marker.ids?.length ?? 1) > 1).join("; ")}` : "";
  if (marker.kind === "event" && marker.ids?.length > 1) {
    // A group of events that share one place on a crowded chart: every one is named.
    return `${marker.ids.length} events: ${marker.ids.map((id) => `${id} ${eventsById.get(id)?.title ?? ""}`.trim()).join("; ")}${dayZeros}`;
  }
  if (marker.kind === "event") {
    const e = eventsById.get(marker.id);
    return (e ? `Event ${e.id}: ${e.title}` : `Event ${marker.id}`) + dayZeros;
  }
  const a = annotations.get(marker.id);
  return a ? `Annotation on ${a.date}: ${a.text}` : `Annotation ${marker.id}`;
}

/**
 * Each listing's day 0 of an event and why, as the server's calendars placed it (never worked out here):
 * "ERIC-B.ST day 0 2020-04-14: 15:44 New York, after the 13:00 Stockholm close; …". With several events, each line
 * names its event.
 */
export function dayZeroLines(listings, withEvent = false) {
  return listings.map((l) => `${withEvent ? `${l.eventId} ` : ""}${l.symbol} day 0 ${l.day0 ?? "none"}: ${l.day0Reason}`);
}

// The day-0 lines of each event marker on screen, for its tooltip.
const dayZerosOf = new WeakMap();

/** The focusable button over a marker of the picture, placed by the frame on screen. */
export function markerButton(m, frame, eventsById, annotations) {
  const scale = frame.scale;
  const button = el("button", {
    type: "button",
    class: `marker ${m.x2 != null ? "band" : ""} marker-${m.kind}`,
    "data-kind": m.kind,
    "data-id": m.id,
    ...(m.ids?.length > 1 ? { "data-ids": m.ids.join(",") } : {}),
    "data-at": `${m.x} ${m.x2 ?? ""}`,
    "aria-label": markerLabel(m, eventsById, annotations),
  });
  button.style.left = `${m.x * scale}px`;
  if (m.x2 != null) {
    // A period is a ribbon along the top of the data area: it gets a tooltip without hiding the days beneath it.
    button.style.width = `${Math.max(9, (m.x2 - m.x) * scale)}px`;
    button.style.top = `${frame.layout.dataRect.top * scale}px`;
  }
  // Bands sit beneath lines so that a line inside a band stays reachable.
  button.style.zIndex = m.x2 != null ? "1" : "2";
  if (m.listings?.length) dayZerosOf.set(button, dayZeroLines(m.listings, (m.ids?.length ?? 1) > 1));
  return button;
}

/** Keeps the annotation markers in step with the marks: only those that appeared, moved or went are touched. */
export function placeAnnotationMarkers(overlay, list, frame, eventsById, annotations) {
  const onScreen = new Map([...overlay.querySelectorAll(".marker-annotation")].map((b) => [b.dataset.id, b]));
  for (const m of list) {
    const button = onScreen.get(String(m.id));
    onScreen.delete(String(m.id));
    const placed = markerButton(m, frame, eventsById, annotations);
    if (button?.dataset.at === placed.dataset.at) continue;
    if (button) button.replaceWith(placed);
    else overlay.append(placed);
  }
  onScreen.forEach((button) => button.remove());
}

export function showTooltip(tooltip, chart, button, eventsById, annotations) {
  const { kind, id, ids } = button.dataset;
  const content = kind === "event" && ids ? groupDetails(ids.split(","), eventsById)
    : kind === "event" ? eventDetails(eventsById.get(id)) : annotationDetails(annotations.get(id));
  if (!content) return;
  const dayZeros = dayZerosOf.get(button);
  if (dayZeros) content.push(el("ul", { class: "day-zeros", "data-testid": "day-zeros" }, ...dayZeros.map((line) => el("li", { text: line }))));
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

/** The events of a group, each by id, date and title; long groups scroll within the tooltip. */
function groupDetails(ids, eventsById) {
  return [
    el("h3", { text: `${ids.length} events here` }),
    el("ul", { class: "event-group" }, ...ids.map((id) => {
      const e = eventsById.get(id);
      return el("li", { text: e ? `${id} · ${e.firstPublic ?? e.date} · ${e.title}` : id });
    })),
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

/** The days an event covers on the chart: its first-public day, or the whole period or month. */
export function eventSpan(e) {
  if (!e.date) return null;
  if (e.endDate) return { start: e.date, end: e.endDate };
  if (e.precision === "month") {
    const [y, m] = e.date.split("-").map(Number);
    return { start: e.date, end: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
  }
  return { start: e.firstPublic ?? e.date, end: e.firstPublic ?? e.date };
}
