// The zoom maths of the plot's gestures and keys. Expected values are worked out by hand, in days.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MIN_ZOOM_DAYS, fitZoom, panWindow, wheelFactor, zoomAround } from "../../wwwroot/js/zoom.js";

const DAY = 86400000;
const t = (iso) => Date.parse(`${iso}T00:00:00Z`);
const first = "2019-01-02";
const last = "2020-06-30";

test("zooming in around a day halves the days on each side of it", () => {
  // 10 days before 11 January and 20 after become 5 and 10.
  assert.deepEqual(zoomAround(t("2020-01-11"), t("2020-01-01"), t("2020-01-31"), 0.5), [t("2020-01-06"), t("2020-01-21")]);
});

test("zooming out around a day doubles the days on each side of it", () => {
  assert.deepEqual(zoomAround(t("2020-01-11"), t("2020-01-01"), t("2020-01-31"), 2), [t("2019-12-22"), t("2020-02-20")]);
});

test("the day under the pointer keeps its place on screen, a quarter of the way across", () => {
  const [min, max] = zoomAround(t("2020-01-11"), t("2020-01-06"), t("2020-01-26"), 0.3);
  assert.equal((t("2020-01-11") - min) / (max - min), 0.25);
});

test("a wheel step zooms in proportion to the scroll, at most halving or doubling at once", () => {
  assert.equal(wheelFactor(0), 1);
  assert.ok(Math.abs(wheelFactor(100) - Math.E ** 0.2) < 1e-12);
  assert.ok(Math.abs(wheelFactor(-100) - Math.E ** -0.2) < 1e-12);
  assert.equal(wheelFactor(5000), 2);
  assert.equal(wheelFactor(-5000), 0.5);
});

test("a zoom inside the data shows exactly the days asked for, in either order", () => {
  assert.deepEqual(fitZoom(t("2020-03-02"), t("2020-03-20"), first, last), { from: "2020-03-02", to: "2020-03-20" });
  assert.deepEqual(fitZoom(t("2020-03-20"), t("2020-03-02"), first, last), { from: "2020-03-02", to: "2020-03-20" });
});

test("a zoom out past both ends of the data shows the whole data", () => {
  assert.deepEqual(fitZoom(t("2018-06-01"), t("2021-01-01"), first, last), { from: first, to: last });
});

test("a zoom past one end is cut at that end only", () => {
  assert.deepEqual(fitZoom(t("2018-12-01"), t("2019-03-15"), first, last), { from: first, to: "2019-03-15" });
  assert.deepEqual(fitZoom(t("2020-05-01"), t("2020-09-01"), first, last), { from: "2020-05-01", to: last });
});

test("a zoom narrower than the minimum widens evenly around its middle", () => {
  assert.equal(MIN_ZOOM_DAYS, 5);
  // Middle at noon on 10 March: two and a half days either side.
  assert.deepEqual(fitZoom(t("2020-03-10"), t("2020-03-11"), first, last), { from: "2020-03-08", to: "2020-03-13" });
});

test("a narrow zoom at the data's last day still shows the minimum, ending on that day", () => {
  assert.deepEqual(fitZoom(t("2020-06-29"), t("2020-06-30"), first, last), { from: "2020-06-25", to: "2020-06-30" });
});

test("a narrow zoom at the data's first day still shows the minimum, starting on that day", () => {
  assert.deepEqual(fitZoom(t("2019-01-02"), t("2019-01-03"), first, last), { from: "2019-01-02", to: "2019-01-07" });
});

test("a zoom wholly after the data shows its last days, never a range that ends before it starts", () => {
  assert.deepEqual(fitZoom(t("2020-07-10"), t("2020-07-20"), first, last), { from: "2020-06-25", to: "2020-06-30" });
  assert.deepEqual(fitZoom(t("2018-01-10") + 0.4 * DAY, t("2018-02-20"), first, last), { from: "2019-01-02", to: "2019-01-07" });
});

test("data shorter than the minimum is shown whole", () => {
  assert.deepEqual(fitZoom(t("2020-06-29"), t("2020-06-29"), "2020-06-28", "2020-06-30"), { from: "2020-06-28", to: "2020-06-30" });
});

test("a pan slides the window by a share of its width and keeps its width", () => {
  // 30 days from 1 January, half a window later: from 16 January to 15 February.
  assert.deepEqual(panWindow(t("2020-01-01"), t("2020-01-31"), 0.5, t(first), t(last)), [t("2020-01-16"), t("2020-02-15")]);
  assert.deepEqual(panWindow(t("2020-01-01"), t("2020-01-31"), -0.5, t(first), t(last)), [t("2019-12-17"), t("2020-01-16")]);
});

test("a pan at either end of the data stops there, still as wide", () => {
  assert.deepEqual(panWindow(t("2020-06-18"), t("2020-06-28"), 0.5, t(first), t(last)), [t("2020-06-20"), t("2020-06-30")]);
  assert.deepEqual(panWindow(t("2019-01-05"), t("2019-01-15"), -0.5, t(first), t(last)), [t("2019-01-02"), t("2019-01-12")]);
});
