// What a live change says, and that a paused announcer says nothing; the elements are minimal stand-ins with the
// same properties the page's have (textContent, attributes, a click listener).
import { test } from "node:test";
import assert from "node:assert/strict";
import { LiveAnnouncer, announcement } from "../../wwwroot/js/live-announcer.js";

const note = { date: "2019-05-16", endDate: null, symbol: "ERIC", author: "alice", text: "Entity list" };

test("a new annotation is said with its day, vendor, author and text", () => {
  assert.equal(announcement("added", note), "New annotation on 2019-05-16 for ERIC by alice: Entity list");
});

test("a period is said from its first to its last day; no vendor, no vendor phrase", () => {
  assert.equal(announcement("updated", { ...note, endDate: "2019-05-20", symbol: null }), "Annotation changed on 2019-05-16 to 2019-05-20 by alice: Entity list");
});

test("a long text is cut to 200 characters", () => {
  assert.equal(announcement("added", { ...note, text: "x".repeat(300) }).split(": ")[1].length, 200);
});

function fakes() {
  const listeners = [];
  const attributes = new Map();
  const toggle = { textContent: "", setAttribute: (k, v) => attributes.set(k, v), addEventListener: (_, f) => listeners.push(f) };
  const store = new Map();
  const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
  return { region: { textContent: "" }, toggle, attributes, click: () => listeners.forEach((f) => f()), storage };
}

test("paused, the announcer says nothing; resumed, it speaks again; the button says which", () => {
  const f = fakes();
  const announcer = new LiveAnnouncer(f.region, f.toggle, f.storage);
  assert.equal(f.toggle.textContent, "Pause announcements");
  f.click();
  assert.equal(f.attributes.get("aria-pressed"), "true");
  assert.equal(f.toggle.textContent, "Resume announcements");
  announcer.say("added", note);
  assert.equal(f.region.textContent, "");
  f.click();
  announcer.say("added", note);
  assert.equal(f.region.textContent, "New annotation on 2019-05-16 for ERIC by alice: Entity list");
});

test("the choice to pause is kept for the next visit", () => {
  const f = fakes();
  new LiveAnnouncer(f.region, f.toggle, f.storage).setPaused(true);
  assert.equal(new LiveAnnouncer(f.region, f.toggle, f.storage).paused, true);
});
