// A marker's words: the day-0 lines come from the layout's listings as the server wrote them, reasons copied whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dayZeroLines, markerLabel } from "../../wwwroot/js/chart-details.js";

const article = {
  kind: "event", id: "E31", x: 400, x2: null,
  listings: [
    { eventId: "E31", symbol: "ERIC", day0: "2020-04-09", day0Reason: "15:44 New York, before the 16:00 New York close → 9 April" },
    { eventId: "E31", symbol: "ERIC-B.ST", day0: "2020-04-14", day0Reason: "15:44 New York, after the 13:00 Stockholm close; 10 and 13 April closed → 14 April" },
  ],
};

test("an event marker's label names each listing's day 0 and the reason the server gave", () => {
  const events = new Map([["E31", { id: "E31", title: "The article" }]]);
  assert.equal(markerLabel(article, events, new Map()),
    "Event E31: The article; ERIC day 0 2020-04-09: 15:44 New York, before the 16:00 New York close → 9 April; "
    + "ERIC-B.ST day 0 2020-04-14: 15:44 New York, after the 13:00 Stockholm close; 10 and 13 April closed → 14 April");
});

test("with several events on one marker each line names its event, and a listing without a day 0 says so", () => {
  const lines = dayZeroLines([
    { eventId: "A1", symbol: "ERIC", day0: "2020-04-09", day0Reason: "r1" },
    { eventId: "A2", symbol: "ERIC", day0: null, day0Reason: "outside the calendar's years" },
  ], true);
  assert.deepEqual(lines, ["A1 ERIC day 0 2020-04-09: r1", "A2 ERIC day 0 none: outside the calendar's years"]);
});

test("a marker without listings keeps its label as it was", () => {
  assert.equal(markerLabel({ kind: "event", id: "E1" }, new Map([["E1", { id: "E1", title: "T" }]]), new Map()), "Event E1: T");
});
