// The import page: files picked or dropped are uploaded one after another with XMLHttpRequest (for its upload
// progress); the server reports the rows it has stored over SignalR while it imports; then each file's report.
// Text from files and from the server reaches the page through textContent only.

import { el } from "./dom.js";
import { roleControl } from "./instrument-roles.js";

const $ = (selector) => document.querySelector(selector);
const csrf = document.body.dataset.csrf;
const canWrite = document.body.dataset.canWrite === "true";
const SYMBOL = /^[A-Za-z0-9.\-^_=]{1,15}$/;

const form = $("#import-form");
const drop = $("#import-drop");
const picker = $("#import-files");
const queueList = $("#import-queue");
const submit = $("#import-submit");
const message = $("#import-message");
const reports = $("#import-reports");
const maxBytes = Number(form?.dataset.maxBytes ?? 0);

let queue = [];
const watchers = new Map();
let hub = null;

const count = (n) => Number(n).toLocaleString("en-US");

async function connectHub() {
  if (!window.signalR) return null;
  const connection = new window.signalR.HubConnectionBuilder().withUrl("/hubs/imports").withAutomaticReconnect().build();
  connection.on("importProgress", (p) => watchers.get(p.importId)?.(p));
  try {
    await connection.start();
    return connection;
  } catch {
    return null; // Upload progress alone still works.
  }
}

function symbolOf(name) {
  return name.replace(/\.[^.]*$/, "").toUpperCase();
}

function addFiles(files) {
  for (const file of files) {
    const symbol = el("input", { type: "text", value: symbolOf(file.name), maxLength: 15, "aria-label": `Symbol for ${file.name}`, "data-testid": "import-symbol" });
    const progress = el("progress", { max: 1, value: 0 });
    const stage = el("span", { class: "stage", text: `${count(file.size)} bytes, waiting` });
    const li = el("li", { "data-testid": "import-item" }, el("strong", { text: file.name }), el("label", {}, "Symbol ", symbol), progress, stage);
    queue.push({ file, symbol, progress, stage, li });
    queueList.append(li);
  }
  submit.disabled = queue.length === 0;
  submit.textContent = queue.length > 1 ? `Import ${queue.length} files` : "Import";
}

// The reading choices, as the import endpoint's query parameters; empty ones are left to the file's evidence.
function choices() {
  const query = new URLSearchParams();
  const pick = { dateFormat: "#import-date-format", decimal: "#import-decimal", dateColumn: "#import-date-column", closeColumn: "#import-close-column", adjCloseColumn: "#import-adj-close-column" };
  for (const [name, selector] of Object.entries(pick)) {
    const value = $(selector)?.value.trim();
    if (value) query.set(name, value);
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

function upload(item, symbol) {
  return new Promise((resolve) => {
    const importId = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/series/${encodeURIComponent(symbol)}/import${choices()}`);
    xhr.setRequestHeader("X-CSRF-TOKEN", csrf);
    xhr.setRequestHeader("X-Import-Id", importId);
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      item.progress.max = e.total;
      item.progress.value = e.loaded;
      item.stage.textContent = `uploading ${Math.round((100 * e.loaded) / e.total)}%`;
    };
    xhr.upload.onload = () => {
      item.progress.removeAttribute("value"); // indeterminate until the server reports rows
      item.stage.textContent = "checking and storing…";
    };
    watchers.set(importId, (p) => {
      if (p.totalBytes) {
        item.progress.max = p.totalBytes;
        item.progress.value = p.bytes;
      }
      item.stage.textContent = `stored ${count(p.rows)} rows`;
    });
    xhr.onloadend = () => {
      watchers.delete(importId);
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    const data = new FormData();
    data.append("file", item.file, item.file.name);
    xhr.send(data);
  });
}

function messageList(items, kind) {
  if (!items?.length) return null;
  return el("ul", { class: kind }, ...items.map((m) => el("li", { text: m.line != null ? `line ${m.line}: ${m.message}` : m.message })));
}

// What the importer decided and from what: producer, separators, dates, columns, skipped lines.
function evidenceText(e) {
  if (!e) return null;
  const lines = (what, list) => (list?.length ? `${what} ${list.join(", ")}` : null);
  const skipped = [lines("preamble line(s)", e.preambleLines), e.headerLines?.length > 1 ? lines("header lines", e.headerLines) : null,
    lines("footer line(s)", e.footerLines), e.commentLines ? `${e.commentLines} comment line(s)` : null].filter(Boolean);
  return `read as ${e.producer}: delimiter '${e.delimiter}', decimal '${e.decimalSeparator}'${e.thousandsSeparator ? `, thousands '${e.thousandsSeparator}'` : ""}, `
    + `dates ${e.dateFormat} (${e.dateOrder}) from "${e.dateColumn}", close "${e.closeColumn}"${e.adjCloseColumn ? `, adjusted close "${e.adjCloseColumn}"` : ""}`
    + (skipped.length ? ` · skipped ${skipped.join("; ")}` : "")
    + (e.overridden?.length ? ` · as chosen: ${e.overridden.join(", ")}` : "");
}

function showReport(title, symbol, status, body) {
  $("#import-empty").hidden = true;
  let li;
  if (status === 200 && body) {
    const warnings = body.warnings ?? [];
    const more = (body.warningCount ?? warnings.length) > warnings.length ? ` (first ${warnings.length} listed)` : "";
    li = el("li", { "data-testid": "import-report", "data-symbol": symbol, "data-outcome": "stored" },
      el("h3", { text: `${title} → ${body.symbol}` }),
      el("p", { class: "counts", text: `format ${body.format} · inserted ${count(body.inserted)}, updated ${count(body.updated)}, unchanged ${count(body.unchanged)} · ${count(body.warningCount ?? warnings.length)} warning(s)${more}` }),
      body.calendar ? el("p", { class: "calendar", "data-testid": "import-calendar", text: `${body.calendar.exchange} calendar: ${body.calendar.summary}` }) : null,
      body.evidence ? el("p", { class: "evidence", "data-testid": "import-evidence", text: evidenceText(body.evidence) }) : null,
      messageList(warnings, "warnings"));
  } else {
    const detail = body?.detail ?? body?.title ?? (status === 0 ? "The upload did not reach the server." : `The server answered ${status}.`);
    li = el("li", { class: "is-refused", "data-testid": "import-report", "data-symbol": symbol, "data-outcome": "refused" },
      el("h3", { text: `${title} → ${symbol}: refused, nothing stored` }),
      el("p", { class: "detail", text: detail }),
      messageList(body?.errors, "errors"));
  }
  reports.prepend(li);
}

async function refreshSeries() {
  const response = await fetch("/api/series");
  if (!response.ok) return;
  const body = $(".series-table tbody");
  const rows = (await response.json()).filter((s) => s.count > 0).map((s) => {
    const button = canWrite ? el("button", { type: "button", class: "secondary refresh", text: "Refresh", "data-testid": `refresh-${s.symbol}`, "data-symbol": s.symbol }) : null;
    return el("tr", { "data-symbol": s.symbol },
      el("td", { text: s.symbol }), el("td", { text: s.name }), el("td", { text: s.firstDate ?? "" }), el("td", { text: s.lastDate ?? "" }),
      el("td", { text: count(s.count) }), el("td", {}, roleControl(s, canWrite)), listingCell(s), el("td", {}, button));
  });
  body.replaceChildren(...rows);
}

/** Exchange, currency and company, with where the currency came from, as the Import page's table shows them. */
function listingCell(s) {
  const text = [s.exchange ?? "no exchange", s.currency ?? "currency unknown", s.company].filter(Boolean).join(" · ");
  return el("td", { class: "listing", text, title: `currency: ${s.currencySource ?? "unknown"}`, "data-testid": `listing-${s.symbol}` });
}

async function importQueued(event) {
  event.preventDefault();
  message.textContent = "";
  const items = queue;
  queue = [];
  submit.disabled = true;
  hub ??= await connectHub();
  for (const item of items) {
    const symbol = item.symbol.value.trim().toUpperCase();
    item.symbol.disabled = true;
    if (!SYMBOL.test(symbol)) {
      showReport(item.file.name, symbol || "?", 400, { detail: "A symbol is 1 to 15 letters, digits, '.', '-', '^', '=' or '_'." });
    } else if (maxBytes && item.file.size > maxBytes) {
      showReport(item.file.name, symbol, 413, { detail: `The file has ${count(item.file.size)} bytes; the limit is ${count(maxBytes)} bytes.` });
    } else {
      const { status, body } = await upload(item, symbol);
      showReport(item.file.name, symbol, status, body);
    }
    item.li.remove();
  }
  submit.textContent = "Import";
  await refreshSeries();
}

async function refresh(button) {
  const symbol = button.dataset.symbol;
  button.disabled = true;
  button.textContent = "Refreshing…";
  try {
    const response = await fetch(`/api/series/${encodeURIComponent(symbol)}/refresh`, { method: "POST", headers: { "X-CSRF-TOKEN": csrf } });
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    showReport(`Refresh of ${symbol}`, symbol, response.status, body);
  } finally {
    button.disabled = false;
    button.textContent = "Refresh";
  }
  await refreshSeries();
}

if (form) {
  picker.addEventListener("change", () => {
    addFiles(picker.files);
    picker.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add("is-over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("is-over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("is-over");
    addFiles(e.dataTransfer.files);
  });
  form.addEventListener("submit", importQueued);
}
document.addEventListener("click", (e) => {
  const button = e.target.closest?.("button.refresh");
  if (button) refresh(button);
});
