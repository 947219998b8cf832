// The dashboard's event-study panel: the chosen event's abnormal returns for the chosen vendor.
import { problemText } from "./annotation-panel.js";

const $ = (selector) => document.querySelector(selector);

export async function showStudy() {
  const eventId = $("#study-event").value;
  const symbol = $("#study-symbol").value;
  const summary = $("#study-summary");
  const chartImage = $("#study-chart");
  if (!eventId || !symbol) return;
  const query = new URLSearchParams({ symbol, eventId });
  $("#study-link").href = `/Events?selected=${encodeURIComponent(`${eventId}:${symbol}`)}`;
  const response = await fetch(`/api/event-study?${query}`);
  if (!response.ok) {
    chartImage.hidden = true;
    summary.textContent = await problemText(response);
    return;
  }
  const study = await response.json();
  const percent = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)}%`;
  const stars = study.pValue < 0.01 ? "***" : study.pValue < 0.05 ? "**" : study.pValue < 0.1 ? "*" : "";
  const others = study.confounders.length ? ` · other news in the window: ${study.confounders.map((c) => c.id).join(", ")}` : "";
  summary.textContent = `Day 0 ${study.day0}: CAR[−${study.pre},+${study.post}] ${percent(study.car)}${stars}, t = ${study.tStat.toFixed(2)}, p = ${study.pValue < 0.001 ? "<0.001" : study.pValue.toFixed(3)}${others}`;
  chartImage.src = `/api/event-study/chart.png?${query}&width=1000&height=400`;
  chartImage.hidden = false;
}
