// The view state's permalink and chart query, and the range presets. Expected values are written out by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ARTICLE_WINDOW, chartQuery, permalink, presetRange, viewFromUrl } from "../../wwwroot/js/view.js";

const defaults = {
  view: "time", eventIds: [], window: 10, benchmark: false, average: false,
  range: "article", from: "2019-01-01", to: "2020-06-30", mode: "rebased", log: false, events: "all", currency: "",
  symbols: ["ERIC", "NOK"],
};

const searchOf = (link) => new URL(link, "http://localhost").search;

test("a time view's permalink names every control, lists joined by commas", () => {
  const view = { ...defaults, range: "1y", from: "2019-06-30", to: "2020-06-30", log: true };
  assert.equal(permalink(view, "/"),
    "/?view=time&range=1y&from=2019-06-30&to=2020-06-30&mode=rebased&log=true&events=all&symbols=ERIC%2CNOK");
});

test("an event-time view survives permalink → view exactly", () => {
  const view = {
    view: "event-time", eventIds: ["3", "17"], window: 20, benchmark: true, average: true,
    range: "custom", from: "2020-02-03", to: "2020-04-30", mode: "percent", log: true, events: "earnings,product", currency: "SEK",
    symbols: ["ERIC", "BRK.B", "^OMX"],
  };
  const link = permalink(view, "/");
  assert.ok(link.startsWith("/?"));
  assert.deepEqual(viewFromUrl(defaults, searchOf(link)), view);
});

test("a time view survives permalink → view exactly, defaults left out of the link", () => {
  const view = { ...defaults, range: "custom", from: "2020-03-02", to: "2020-03-20", mode: "price", events: "none", symbols: ["NOK"] };
  const link = permalink(view, "/");
  for (const left of ["eventIds", "window", "benchmark", "average"]) assert.ok(!link.includes(`${left}=`), `${left} in ${link}`);
  assert.deepEqual(viewFromUrl(defaults, searchOf(link)), view);
});

test("a page address without a query is the default view", () => {
  assert.equal(viewFromUrl(defaults, ""), defaults);
});

test("a link that names only some controls takes the rest from the defaults", () => {
  assert.deepEqual(viewFromUrl(defaults, "?range=5y&log=true"), { ...defaults, range: "5y", log: true });
});

test("a link's nonsense falls back: unknown view is the time view, an unreadable window is 10 days", () => {
  const view = viewFromUrl(defaults, "?view=sideways&window=ten&eventIds=,4,,9,");
  assert.equal(view.view, "time");
  assert.equal(view.window, 10);
  assert.deepEqual(view.eventIds, ["4", "9"]);
});

test("the chart query of a time view carries no event-time parameters", () => {
  const view = { ...defaults, from: "2020-01-02", to: "2020-03-31", eventIds: ["4"], window: 15, average: true };
  assert.equal(chartQuery(view, 1200, 600).toString(),
    "symbols=ERIC%2CNOK&from=2020-01-02&to=2020-03-31&mode=rebased&log=false&events=all&width=1200&height=600");
});

test("the chart query of an event-time view carries its events, window and average", () => {
  const view = { ...defaults, view: "event-time", eventIds: ["4", "9"], window: 15, average: true, benchmark: true, symbols: [] };
  assert.equal(chartQuery(view, 800, 400).toString(),
    "from=2019-01-01&to=2020-06-30&mode=rebased&log=false&events=all&benchmark=true&view=event-time&eventIds=4%2C9&window=15&average=true&width=800&height=400");
});

test("the article preset is the article's window whatever the data", () => {
  assert.deepEqual(presetRange("article", "1996-01-02", "2024-05-31"), { from: "2019-01-01", to: "2020-06-30" });
  assert.deepEqual(ARTICLE_WINDOW, { from: "2019-01-01", to: "2020-06-30" });
});

test("before the data is known every preset is the article's window", () => {
  assert.deepEqual(presetRange("1y", undefined, undefined), { from: "2019-01-01", to: "2020-06-30" });
});

test("the year presets end on the data's last day and start that day one or five years before", () => {
  assert.deepEqual(presetRange("1y", "2019-01-02", "2020-06-30"), { from: "2019-06-30", to: "2020-06-30" });
  assert.deepEqual(presetRange("5y", "1996-01-02", "2020-06-30"), { from: "2015-06-30", to: "2020-06-30" });
  assert.deepEqual(presetRange("1y", "2019-01-02", "2020-01-01"), { from: "2019-01-01", to: "2020-01-01" });
  assert.deepEqual(presetRange("5y", "2019-01-02", "2020-12-31"), { from: "2015-12-31", to: "2020-12-31" });
});

test("a year back from 29 February is 28 February, not 1 March", () => {
  assert.deepEqual(presetRange("1y", "2019-01-02", "2024-02-29"), { from: "2023-02-28", to: "2024-02-29" });
  assert.deepEqual(presetRange("5y", "2019-01-02", "2024-02-29"), { from: "2019-02-28", to: "2024-02-29" });
});

test("all is the data's whole span; a custom range has no preset", () => {
  assert.deepEqual(presetRange("all", "1996-01-02", "2020-06-30"), { from: "1996-01-02", to: "2020-06-30" });
  assert.equal(presetRange("custom", "1996-01-02", "2020-06-30"), null);
});

test("a currency goes into the chart query and the link only when one is chosen", () => {
  const view = { ...defaults, from: "2020-01-02", to: "2020-03-31", currency: "SEK" };
  assert.equal(chartQuery(view, 1200, 600).toString(),
    "symbols=ERIC%2CNOK&from=2020-01-02&to=2020-03-31&mode=rebased&log=false&events=all&currency=SEK&width=1200&height=600");
  assert.equal(searchOf(permalink(view, "/")),
    "?view=time&range=article&from=2020-01-02&to=2020-03-31&mode=rebased&log=false&events=all&symbols=ERIC%2CNOK&currency=SEK");
  assert.equal(viewFromUrl(defaults, "?range=5y").currency, "");
  assert.equal(viewFromUrl(defaults, "?currency=USD").currency, "USD");
});

test("the event set pinned by the page (slug@version) goes into the chart query and the permalink", () => {
  const view = { ...defaults, eventSet: "dutch-export-rules@4" };
  assert.equal(chartQuery(view, 800, 400).get("eventSet"), "dutch-export-rules@4");
  assert.equal(new URLSearchParams(searchOf(permalink(view, "/"))).get("eventSet"), "dutch-export-rules@4");
  assert.ok(!permalink(defaults, "/").includes("eventSet="));
});
