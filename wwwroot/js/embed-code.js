// The dashboard's embed code: the view on screen as a live frame another site can paste. The server writes the code
// (its title and alternative text escaped), asked only while the Embed fold is open.
import { fetchOk } from "./feed.js";

const $ = (selector) => document.querySelector(selector);
const fold = $("#embed-fold");
const code = $("#embed-code");
const theme = $("#embed-theme");
let query = null;
let asked = 0;

/** The view's download query (its size included); the code follows it while the fold is open. */
export function showEmbedCode(download) {
  query = new URLSearchParams(download);
  for (const key of ["download", "scale", "theme"]) query.delete(key);
  if (fold?.open) load();
}

async function load() {
  if (!query) return;
  const q = new URLSearchParams(query);
  if (theme.value !== "auto") q.set("theme", theme.value);
  const mine = ++asked;
  try {
    const answer = await (await fetchOk(`/api/chart/embed-code?${q}`, "Embed code")).json();
    if (mine === asked) code.value = answer.code;
  } catch (error) {
    if (mine === asked) code.value = error.message;
  }
}

async function copy() {
  const button = $("#embed-copy");
  try {
    await navigator.clipboard.writeText(code.value);
    button.textContent = "Code copied";
  } catch {
    code.select();
  }
  setTimeout(() => (button.textContent = "Copy code"), 2000);
}

if (fold) {
  fold.addEventListener("toggle", () => fold.open && load());
  theme.addEventListener("change", load);
  $("#embed-copy").addEventListener("click", copy);
}
