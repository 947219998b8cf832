// The dashboard's links: downloads of the view on screen (annotations included, at the size asked for), its embed code and its permalink.
import { showEmbedCode } from "./embed-code.js";

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
  showEmbedCode(download);
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
