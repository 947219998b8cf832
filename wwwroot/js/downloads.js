// The dashboard's links: downloads of the view on screen (annotations included, at the size asked for), its permalink
// and the editors' Publish link.
import { permalink } from "./view.js";

const $ = (selector) => document.querySelector(selector);

export function updateDownloads(query, requested) {
  const widthInput = $("#export-width");
  const heightInput = $("#export-height");
  if (!widthInput.dataset.touched) widthInput.value = String(requested.width);
  if (!heightInput.dataset.touched) heightInput.value = String(requested.height);
  const download = new URLSearchParams(query);
  download.set("width", widthInput.value || String(requested.width));
  download.set("height", heightInput.value || String(requested.height));
  download.set("download", "true");
  const png = new URLSearchParams(download);
  png.set("scale", $("#export-scale").value);
  $("#download-png").href = `/api/chart.png?${png}`;
  $("#download-svg").href = `/api/chart.svg?${download}`;
  $("#download-csv").href = `/api/chart.csv?${download}`;
}

export async function copyLink() {
  const button = $("#copy-link");
  try {
    await navigator.clipboard.writeText(location.href);
    button.textContent = "Link copied";
  } catch {
    window.prompt("Copy this link:", location.href);
  }
  setTimeout(() => (button.textContent = "Copy link"), 2000);
}

/** Publish carries the view as its permalink says it; the theme is the reader's own, not part of what is published. */
export function linkPublish(view) {
  const link = $("#publish-link");
  if (!link) return;
  const query = new URL(permalink(view), location.origin).searchParams;
  query.delete("theme");
  link.href = `/Publish?${new URLSearchParams({ kind: view.view === "event-time" ? "event-time" : "chart", query: String(query) })}`;
}
