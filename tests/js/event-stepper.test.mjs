// The stepper's order, steps and wording; expected values are written out by hand from the events below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { describeStep, eventOrder, rowOutcome, stepEvent } from "../../wwwroot/js/event-stepper.js";

const events = [
  { id: "E10", date: "2019-05-15", firstPublic: "2019-05-16", title: "Executive order" },
  { id: "E2", date: "2018-08-13", firstPublic: null, title: "NDAA section 889" },
  { id: "E9", date: null, firstPublic: null, title: "Undated background" },
  { id: "E11", date: "2019-05-16", firstPublic: "2019-05-16", title: "Entity list" },
];

test("the order is by the day an event became public, undated events left out, ties by id as numbers", () => {
  assert.deepEqual(eventOrder(events).map((e) => e.id), ["E2", "E10", "E11"]);
});

test("from an event a step goes to its neighbour, and past either end to nothing", () => {
  const ordered = eventOrder(events);
  assert.equal(stepEvent(ordered, { currentId: "E10" }, 1).id, "E11");
  assert.equal(stepEvent(ordered, { currentId: "E10" }, -1).id, "E2");
  assert.equal(stepEvent(ordered, { currentId: "E11" }, 1), null);
  assert.equal(stepEvent(ordered, { currentId: "E2" }, -1), null);
});

test("with no event yet, a step starts from the day in view: forward on or after it, back strictly before it", () => {
  const ordered = eventOrder(events);
  assert.equal(stepEvent(ordered, { day: "2019-01-01" }, 1).id, "E10");
  assert.equal(stepEvent(ordered, { day: "2019-05-16" }, 1).id, "E10");
  assert.equal(stepEvent(ordered, { day: "2019-05-16" }, -1).id, "E2");
  assert.equal(stepEvent(ordered, {}, 1).id, "E2");
  assert.equal(stepEvent(ordered, {}, -1).id, "E11");
});

test("a step names the event, its place, each vendor's day 0, and the CAR and p as the server gave them", () => {
  const text = describeStep(events[0], 2, 3, [
    { symbol: "ERIC", study: { day0: "2019-05-16", pre: 5, post: 5, car: -0.0321, pValue: 0.0134 } },
    { symbol: "NOK", study: { day0: "2019-05-17", pre: 5, post: 5, car: 0.05, pValue: 0.0004 } },
    { symbol: "QQQX", study: null, refusal: "Too little data" },
  ]);
  assert.equal(text, "E10, event 2 of 3: Executive order. Public 2019-05-16. "
    + "ERIC: day 0 2019-05-16, CAR[−5,+5] −3.21%, p = 0.013. "
    + "NOK: day 0 2019-05-17, CAR[−5,+5] +5.00%, p < 0.001. "
    + "QQQX: Too little data.");
});

test("a summary row becomes the step's study, or the server's reason there is none", () => {
  const studied = rowOutcome({ symbol: "ERIC", day0: "2019-05-16", car5: { from: -5, to: 5, car: -0.0321, tStat: -2.5, pValue: 0.0134 }, missing: null });
  assert.deepEqual(studied, { symbol: "ERIC", study: { day0: "2019-05-16", pre: 5, post: 5, car: -0.0321, pValue: 0.0134 } });
  const refused = rowOutcome({ symbol: "NOK", day0: "2019-01-11", car5: null, missing: "NOK has 7 trading days in common with QQQ before day 0." });
  assert.equal(refused.reason, "NOK has 7 trading days in common with QQQ before day 0.");
  assert.equal(describeStep({ id: "E1", title: "T", date: "2019-01-11" }, 1, 1, [refused]),
    "E1, event 1 of 1: T. Public 2019-01-11. NOK: no study for this event: NOK has 7 trading days in common with QQQ before day 0.");
});
