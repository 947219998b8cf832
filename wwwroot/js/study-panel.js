// The dashboard's event-study panel: the chosen event's abnormal returns for the chosen vendor.
import { FeedError, fetchOk, retryDelay } from "./feed.js";
import { pictureTheme } from "./page.js";
import { renderTable, studyTable } from "./data-table.js";
import { studiesOf } from "./event-stepper.js";

const $ = (selector) => document.querySelector(selector);

let studyToken = 0;
let studyFailures = 0;
let studyRetry = 0;

export async function showStudy() {
  const eventId = $("#study-event").value;
  const symbol = $("#study-symbol").value;
  const summary = $("#study-summary");
  const chartImage = $("#study-chart");
  if (!eventId || !symbol) return;
  const query = new URLSearchParams({ symbol, eventId });
  const eventSet = $("#event-set")?.value;
  if (eventSet) query.set("eventSet", eventSet);
  $("#study-link").href = `/Events?selected=${encodeURIComponent(`${eventId}:${symbol}`)}${eventSet ? `&eventSet=${encodeURIComponent(eventSet)}` : ""}`;
  const asked = ++studyToken;
  clearTimeout(studyRetry);
  // Whether the prices carry this study, asked of the summary (a success either way): a study they cannot give is an
  // answer to show, not a refused request to retry.
  const [outcome] = await studiesOf(eventId, [symbol], eventSet ?? "");
  if (asked !== studyToken) return;
  if (outcome?.reason) {
    chartImage.hidden = true;
    $("#study-table").replaceChildren();
    summary.textContent = `No study for this event: ${outcome.reason.replace(/\.$/, "")}.`;
    return;
  }
  let response;
  try {
    response = await fetchOk(`/api/event-study?${query}`, "Event study");
  } catch (error) {
    if (asked !== studyToken) return;
    chartImage.hidden = true;
    $("#study-table").replaceChildren();
    // A study the data cannot give (400, 404) is an answer; anything else is a failure to try again.
    if (error instanceof FeedError && (error.status === 400 || error.status === 404)) {
      summary.textContent = error.said ?? error.message;
      return;
    }
    summary.textContent = error.notice ?? `Event study: ${error.message}`;
    studyRetry = setTimeout(showStudy, retryDelay(studyFailures++, error));
    return;
  }
  studyFailures = 0;
  const study = await response.json();
  if (asked !== studyToken) return;
  const percent = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)}%`;
  const others = study.confounders.length ? ` · other news in the window: ${study.confounders.map((c) => c.id).join(", ")}` : "";
  const why = study.day0Reason ? ` (${study.day0Reason})` : "";
  summary.textContent = `Day 0 ${study.day0}${why}: CAR[−${study.pre},+${study.post}] ${percent(study.car)}${study.stars}, t = ${study.tStat.toFixed(2)}, p = ${study.pValue < 0.001 ? "<0.001" : study.pValue.toFixed(3)}${others}`;
  chartImage.src = `/api/event-study/chart.png?${query}&width=1000&height=400${pictureTheme() === "dark" ? "&theme=dark" : ""}`;
  chartImage.hidden = false;
  renderTable($("#study-table"), `${study.symbol} around ${eventId}: each day of the event window, in %`, studyTable(study));
}
