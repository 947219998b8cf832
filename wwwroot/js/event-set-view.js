// A set page's logic without the page: the order and filter of its table, catching up with a set's versions, what
// changed in an event, and an event form's entries as the API takes them. (No DOM here: it runs under Node's tests too.)

const UNSET = "~"; // sorts after every date, stage and text the table shows, as on the server

/** The text a column sorts by; the server's page sorts by the same (Pages/EventSets/Set.cshtml.cs). */
export function sortKey(e, key, categoryNames = new Map()) {
  switch (key) {
    case "id": return e.id;
    case "title": return e.title;
    case "stage": return e.stage || UNSET;
    case "category": return categoryNames.get(e.category) ?? e.category;
    case "firstPublic": return e.firstPublic || UNSET;
    default: return e.date || UNSET;
  }
}

// Ordinal, as the server's StringComparer.Ordinal: by UTF-16 code unit, whatever the browser's language.
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The events in a column's order (ties by id), reversed whole when descending. */
export function sortEvents(events, { key = "date", desc = false } = {}, categoryNames = new Map()) {
  const sorted = [...events].sort((a, b) => ordinal(sortKey(a, key, categoryNames), sortKey(b, key, categoryNames)) || ordinal(a.id, b.id));
  return desc ? sorted.reverse() : sorted;
}

/** The events of any of `stages` and any of `categories` (an empty list lets every one through). */
export function filterEvents(events, { stages = [], categories = [] } = {}) {
  return events.filter((e) => (stages.length === 0 || stages.includes(e.stage ?? "")) && (categories.length === 0 || categories.includes(e.category)));
}

/** The date column as the server writes it: the day or "undated", the end of a period, "(month)" for a month's precision. */
export function dateText(e) {
  return `${e.date ?? "undated"}${e.endDate ? ` – ${e.endDate}` : ""}${e.precision === "month" ? " (month)" : ""}`;
}

/** The first-public column: the day, and the announcement moment with its time zone when known. */
export function firstPublicText(e) {
  return `${e.firstPublic ?? ""}${e.announced ? ` (${e.announced} ${e.timeZone})` : ""}`;
}

/** A set as a page holds it: its version, title, categories and events by id. */
export function setState(set) {
  return {
    version: set.version, title: set.title, description: set.description, categories: set.categories,
    changedBy: set.changedBy, changedAt: set.changedAt, deleted: set.deleted, events: new Map(set.events.map((e) => [e.id, e])),
  };
}

/**
 * Applies versions from the changes feed, in order, each once: versions the state already holds are skipped, and a
 * version that skips one stops the catch-up (the caller asks the feed again). Answers the ids of the events changed.
 */
export function applyVersions(state, versions) {
  const changed = new Set();
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    if (v.version <= state.version) continue;
    if (v.version !== state.version + 1) break;
    for (const change of v.changes) {
      if (change.after) state.events.set(change.eventId, change.after);
      else state.events.delete(change.eventId);
      changed.add(change.eventId);
    }
    Object.assign(state, { version: v.version, title: v.title, description: v.description, categories: v.categories, changedBy: v.changedBy, changedAt: v.changedAt });
    state.deleted = v.kind === "deleted";
  }
  return [...changed];
}

/** The fields an event form shows, in its order, with the words the page uses for them. */
export const FIELDS = [
  ["id", "Id"], ["title", "Title"], ["label", "Short label"], ["summary", "Summary"], ["category", "Category"], ["stage", "Stage"],
  ["jurisdictions", "Jurisdictions"], ["companies", "Companies"], ["date", "Date"], ["precision", "Precision"], ["endDate", "End date"],
  ["announced", "Announced"], ["timeZone", "Time zone"], ["firstPublic", "First public"], ["sources", "Sources"],
  ["confidence", "Confidence"], ["notes", "Notes"],
];

/** An event's field as one line of text, for a history's before and after. */
export function fieldText(e, field) {
  const value = e?.[field];
  if (value === null || value === undefined) return "";
  if (field === "sources") return value.map((s) => `${s.url}${s.publisher ? ` (${s.publisher})` : ""}${s.official ? " official" : ""}`).join("; ");
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/** What a change did to an event: each field whose text differs, before and after (an addition or deletion names every field it had). */
export function fieldChanges(before, after) {
  return FIELDS.map(([field, name]) => ({ field, name, before: fieldText(before, field), after: fieldText(after, field) }))
    .filter((c) => c.before !== c.after);
}

/** A version's changes to one event, newest first: who, when, what kind, and each field before and after. */
export function eventHistory(versions, id) {
  return versions.flatMap((v) => v.changes.filter((c) => c.eventId === id).map((c) => ({
    version: v.version, changedBy: v.changedBy, changedAt: v.changedAt,
    kind: c.before === null ? "added" : c.after === null ? "deleted" : "changed", fields: fieldChanges(c.before, c.after),
  }))).sort((a, b) => b.version - a.version);
}

const list = (text) => (text ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
const optional = (text) => ((text ?? "").trim() === "" ? null : text.trim());

/**
 * An event as the API takes it, from a form's entries (every value a string; sources a list of {url, publisher, official});
 * what the form does not show (the article's fields, the promoted annotation) is kept from the event being edited.
 */
export function eventInput(entries, original = null) {
  return {
    id: (entries.id ?? "").trim(), title: entries.title ?? "", label: entries.label ?? "", summary: entries.summary ?? "",
    category: entries.category ?? "", stage: optional(entries.stage), jurisdictions: list(entries.jurisdictions), companies: list(entries.companies),
    date: optional(entries.date), precision: optional(entries.precision), endDate: optional(entries.endDate),
    announced: optional(entries.announced), timeZone: optional(entries.timeZone), firstPublic: optional(entries.firstPublic),
    sources: (entries.sources ?? []).filter((s) => (s.url ?? "").trim() || (s.publisher ?? "").trim())
      .map((s) => ({ url: (s.url ?? "").trim(), publisher: (s.publisher ?? "").trim(), official: Boolean(s.official) })),
    confidence: entries.confidence ?? "", notes: entries.notes ?? "",
    inArticle: original?.inArticle ?? false, articleParagraph: original?.articleParagraph ?? null,
    articleNote: original?.articleNote ?? "", annotationId: original?.annotationId ?? null,
  };
}

/** A refusal's messages by the field they name (lower-case first letter, as the form's names); the rest under "". */
export function errorsByField(problem, known = FIELDS.map(([f]) => f)) {
  const byField = new Map();
  const add = (field, message) => byField.set(field, [...(byField.get(field) ?? []), message]);
  for (const error of problem?.errors ?? []) {
    const field = known.includes(error.field) ? error.field : "";
    add(field, error.line != null ? `line ${error.line}: ${error.message}` : error.message);
  }
  if (byField.size === 0) add("", problem?.detail ?? problem?.title ?? "The server refused the change.");
  return byField;
}

/** The media type the import endpoint reads a file as, from its name (else its type); null for any other file. */
export function importType(name, type = "") {
  const extension = (name.match(/\.([^.]+)$/)?.[1] ?? "").toLowerCase();
  const byExtension = { csv: "text/csv", json: "application/json", ics: "text/calendar", ical: "text/calendar" };
  if (byExtension[extension]) return byExtension[extension];
  return ["text/csv", "application/json", "text/calendar"].includes(type) ? type : null;
}

/** Only http and https addresses become links; anything else stays text. */
export function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
