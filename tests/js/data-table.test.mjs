// The data tables' shapes; the inputs are written out as the API answers them and the expected cells by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { csvTable, studyTable, valuesTable } from "../../wwwroot/js/data-table.js";

test("the chart's values become a row per day and a column per series, a day without trading shown as a dash", () => {
  const table = valuesTable({
    mode: "rebased",
    dates: ["2020-01-02", "2020-01-03"],
    series: [{ symbol: "ERIC", values: [100, 101.256] }, { symbol: "NOK", values: [null, 99.5] }],
  });
  assert.deepEqual(table.head, ["Date", "ERIC (rebased)", "NOK (rebased)"]);
  assert.deepEqual(table.rows, [["2020-01-02", "100.00", "—"], ["2020-01-03", "101.26", "99.50"]]);
});

test("a CSV's quoted cells keep their commas and doubled quotes, and CRLF ends a line like LF", () => {
  const table = csvTable('day,"E25 ""Huawei, ban""",NOK\r\n-1,100,99.5\r\n0,101.2,\n');
  assert.deepEqual(table.head, ["day", 'E25 "Huawei, ban"', "NOK"]);
  assert.deepEqual(table.rows, [["-1", "100", "99.5"], ["0", "101.2", ""]]);
});

test("a study's days are shown in percent with signed day numbers", () => {
  const table = studyTable({
    symbol: "ERIC", benchmark: "QQQ",
    rows: [{ day: -1, date: "2020-02-12", return: 0.01, benchmarkReturn: 0.005, expected: 0.006, abnormal: 0.004, car: 0.004 },
      { day: 0, date: "2020-02-13", return: -0.02, benchmarkReturn: 0, expected: 0.0001, abnormal: -0.0201, car: -0.0161 },
      { day: 1, date: "2020-02-14", return: 0, benchmarkReturn: 0, expected: 0, abnormal: 0, car: -0.0161 }],
  });
  assert.deepEqual(table.head, ["Day", "Date", "ERIC return %", "QQQ return %", "Expected %", "Abnormal %", "CAR %"]);
  assert.deepEqual(table.rows.map((r) => r[0]), ["-1", "0", "+1"]);
  assert.deepEqual(table.rows[1], ["0", "2020-02-13", "-2.00", "0.00", "0.01", "-2.01", "-1.61"]);
});
