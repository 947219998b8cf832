// The first start, in the page: an administrator fetches the default series from the online price source with one
// button, one refresh per series (POST /api/series/{symbol}/refresh, the Import page's Refresh), with a progress bar
// and each series' outcome; when every series has come in, the dashboard reloads with its chart.
import { problemText } from "./annotation-panel.js";
import { el } from "./dom.js";

const button = document.getElementById("fetch-defaults");
if (button) {
  const progress = document.getElementById("fetch-progress");
  const outcomes = document.getElementById("fetch-outcomes");
  const headers = { "X-CSRF-TOKEN": document.body.dataset.csrf };
  // The button is served disabled: a press before this script runs would otherwise do nothing at all.
  button.disabled = false;
  button.addEventListener("click", async () => {
    const symbols = button.dataset.symbols.split(",");
    button.disabled = true;
    progress.hidden = false;
    progress.max = symbols.length;
    progress.value = 0;
    outcomes.replaceChildren();
    let fetched = 0;
    for (const symbol of symbols) {
      const line = el("li", { text: `${symbol}: fetching…` });
      outcomes.append(line);
      const response = await fetch(`/api/series/${encodeURIComponent(symbol)}/refresh`, { method: "POST", headers }).catch(() => null);
      if (response?.ok) {
        const report = await response.json();
        line.textContent = `${symbol}: ${report.inserted} days stored.`;
        fetched++;
      } else {
        line.textContent = `${symbol}: ${response ? await problemText(response) : "the server could not be reached."}`;
      }
      progress.value = progress.value + 1;
    }
    if (fetched === symbols.length) {
      outcomes.append(el("li", { text: "Every series is in: the chart opens now." }));
      location.reload();
    } else {
      button.disabled = false;
      outcomes.append(el("li", { text: "Not every series came in: offline? See below what to do, or try again." }));
    }
  });
}
