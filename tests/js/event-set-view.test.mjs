// A set page's pure logic: order, filter, catching up with versions, an event's history, a form's entries.
// Expected values are written out by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  applyVersions, dateText, errorsByField, eventHistory, eventInput, fieldChanges, filterEvents, firstPublicText, importType, safeHref,
  setState, sortEvents,
} from "../../wwwroot/js/event-set-view.js";

const ev = (id, fields = {}) => ({ id, title: `T${id}`, category: "legal", stage: null, date: null, sources: [], ...fields });

const events = [
  ev("b", { title: "Zeta", date: "2020-03-05", stage: "decision", category: "industry" }),
  ev("a", { title: "alpha", date: "2020-03-01", stage: "rumour", category: "legal" }),
  ev("c", { title: "Beta", date: null, stage: null, category: "politics" }),
  ev("d", { title: "Beta", date: "2020-03-01", stage: "rumour", category: "industry" }),
];
const ids = (list) => list.map((e) => e.id);

test("by date: dated events in order, ties by id, undated last; descending reverses the whole order", () => {
  assert.deepEqual(ids(sortEvents(events, { key: "date" })), ["a", "d", "b", "c"]);
  assert.deepEqual(ids(sortEvents(events, { key: "date", desc: true })), ["c", "b", "d", "a"]);
});

test("by title the order is ordinal, as the server's: upper case before lower case", () => {
  assert.deepEqual(ids(sortEvents(events, { key: "title" })), ["c", "d", "b", "a"]);
});

test("by stage an event without one comes last; by category the order is that of the names shown", () => {
  assert.deepEqual(ids(sortEvents(events, { key: "stage" })), ["b", "a", "d", "c"]);
  const names = new Map([["legal", "Courts"], ["industry", "Trade"], ["politics", "Parliament"]]);
  assert.deepEqual(ids(sortEvents(events, { key: "category" }, names)), ["a", "c", "b", "d"]);
});

test("sorting leaves the list it was given as it was", () => {
  const copy = [...events];
  sortEvents(events, { key: "title", desc: true });
  assert.deepEqual(events, copy);
});

test("filters by stage and by category; an empty choice lets every event through", () => {
  assert.deepEqual(ids(filterEvents(events, { stages: ["rumour"] })), ["a", "d"]);
  assert.deepEqual(ids(filterEvents(events, { categories: ["industry"] })), ["b", "d"]);
  assert.deepEqual(ids(filterEvents(events, { stages: ["rumour"], categories: ["industry"] })), ["d"]);
  assert.deepEqual(ids(filterEvents(events, {})), ["b", "a", "c", "d"]);
});

test("the date and first-public columns read as the server writes them", () => {
  assert.equal(dateText(ev("p", { date: "2020-01-02", endDate: "2020-02-03", precision: "day" })), "2020-01-02 – 2020-02-03");
  assert.equal(dateText(ev("m", { date: "2020-05-01", precision: "month" })), "2020-05-01 (month)");
  assert.equal(dateText(ev("u", { precision: "undated" })), "undated");
  assert.equal(firstPublicText(ev("f", { firstPublic: "2020-04-08", announced: "2020-04-08T15:44", timeZone: "America/New_York" })),
    "2020-04-08 (2020-04-08T15:44 America/New_York)");
});

const set = { version: 3, title: "S", description: "", categories: [], changedBy: "x", changedAt: "2026-01-01T00:00:00Z", deleted: false, events: [ev("a"), ev("b")] };
const version = (n, changes, extra = {}) => ({ version: n, kind: "event-updated", title: "S", description: "", categories: [], changedBy: "y", changedAt: "2026-01-02T00:00:00Z", changes, ...extra });

test("versions from the changes feed apply once and in order: additions, changes and deletions", () => {
  const state = setState(set);
  const changed = applyVersions(state, [
    version(5, [{ eventId: "a", before: ev("a", { title: "A1" }), after: null }]),
    version(4, [{ eventId: "a", before: ev("a"), after: ev("a", { title: "A1" }) }, { eventId: "n", before: null, after: ev("n") }]),
    version(3, [{ eventId: "b", before: null, after: ev("b", { title: "stale" }) }]),
  ]);
  assert.equal(state.version, 5);
  assert.deepEqual([...state.events.keys()].sort(), ["b", "n"]);
  assert.equal(state.events.get("b").title, "Tb");
  assert.deepEqual(changed.sort(), ["a", "n"]);
});

test("a version that skips one stops the catch-up there, and a deleted set says so", () => {
  const state = setState(set);
  applyVersions(state, [version(5, [{ eventId: "x", before: null, after: ev("x") }])]);
  assert.equal(state.version, 3);
  assert.equal(state.events.has("x"), false);
  applyVersions(state, [version(4, [], { kind: "deleted", title: "Renamed" })]);
  assert.equal(state.version, 4);
  assert.equal(state.deleted, true);
  assert.equal(state.title, "Renamed");
});

test("an event's history names each changed field before and after, newest first", () => {
  const v1 = ev("a", { title: "Old", jurisdictions: ["EU"], sources: [] });
  const v2 = ev("a", { title: "New", jurisdictions: ["EU", "SE"], sources: [{ url: "https://example.org/", publisher: "Gov", official: true }] });
  assert.deepEqual(fieldChanges(v1, v2), [
    { field: "title", name: "Title", before: "Old", after: "New" },
    { field: "jurisdictions", name: "Jurisdictions", before: "EU", after: "EU, SE" },
    { field: "sources", name: "Sources", before: "", after: "https://example.org/ (Gov) official" },
  ]);
  const history = eventHistory([
    { version: 2, changedBy: "ann", changedAt: "t2", changes: [{ eventId: "a", before: null, after: v1 }, { eventId: "z", before: null, after: ev("z") }] },
    { version: 3, changedBy: "bob", changedAt: "t3", changes: [{ eventId: "a", before: v1, after: v2 }] },
    { version: 4, changedBy: "cy", changedAt: "t4", changes: [{ eventId: "a", before: v2, after: null }] },
  ], "a");
  assert.deepEqual(history.map((h) => [h.version, h.changedBy, h.kind, h.fields.length]), [[4, "cy", "deleted", 5], [3, "bob", "changed", 3], [2, "ann", "added", 4]]);
});

test("a form's entries become the API's event: lists split on commas, empty optional fields null, the article's fields kept", () => {
  const original = { inArticle: true, articleParagraph: 7, articleNote: "para", annotationId: 12 };
  const input = eventInput({
    id: " E1 ", title: "T", label: "", summary: "S", category: "legal", stage: "", jurisdictions: "EU, SE,, ", companies: "ERIC",
    date: "2020-01-02", precision: "day", endDate: "", announced: "2020-01-02T09:30", timeZone: "Europe/Stockholm", firstPublic: "",
    sources: [{ url: " https://example.org/a ", publisher: "Gov", official: true }, { url: "", publisher: "" }], confidence: "high", notes: "",
  }, original);
  assert.deepEqual(input, {
    id: "E1", title: "T", label: "", summary: "S", category: "legal", stage: null, jurisdictions: ["EU", "SE"], companies: ["ERIC"],
    date: "2020-01-02", precision: "day", endDate: null, announced: "2020-01-02T09:30", timeZone: "Europe/Stockholm", firstPublic: null,
    sources: [{ url: "https://example.org/a", publisher: "Gov", official: true }], confidence: "high", notes: "",
    inArticle: true, articleParagraph: 7, articleNote: "para", annotationId: 12,
  });
});

test("a refusal's errors go to the field they name; lines are kept; the rest goes to the form", () => {
  const byField = errorsByField({ detail: "d", errors: [
    { field: "endDate", message: "ends before" }, { field: "timeZone", message: "unknown", line: 4 }, { field: "body", message: "bad json" },
  ] });
  assert.deepEqual([...byField], [["endDate", ["ends before"]], ["timeZone", ["line 4: unknown"]], ["", ["bad json"]]]);
  assert.deepEqual([...errorsByField({ title: "Not yours to change", detail: "Only its owner" })], [["", ["Only its owner"]]]);
});

test("an import file's type comes from its name, and only http and https become links", () => {
  assert.equal(importType("events.CSV"), "text/csv");
  assert.equal(importType("set.ics", ""), "text/calendar");
  assert.equal(importType("set", "application/json"), "application/json");
  assert.equal(importType("set.xlsx", "application/vnd.ms-excel"), null);
  assert.equal(safeHref("javascript:alert(1)"), null);
  assert.equal(safeHref("https://example.org/a b"), "https://example.org/a%20b");
});
