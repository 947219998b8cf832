// A set's page: its events sorted and filtered in place, each event's history, the editor's forms, and every change
// another viewer makes, followed live (the hub says a set moved on; its changes feed says what changed).
// Text from the set reaches the page through textContent only; links only for http and https addresses.

import { el } from "./dom.js";
import { showStatus } from "./page.js";
import { FeedNotices, fetchOk, retryDelay, untilItWorks } from "./feed.js";
import { applyVersions, dateText, eventHistory, filterEvents, firstPublicText, safeHref, setState, sortEvents } from "./event-set-view.js";
import { EventForm } from "./event-form.js";
import { ImportPanel } from "./event-import.js";

const section = document.querySelector("[data-testid=event-set]");
const slug = section.dataset.slug;
const api = `/api/event-sets/${encodeURIComponent(slug)}`;
const live = section.dataset.live === "true";
const canEdit = section.dataset.canEdit === "true";
const csrf = document.body.dataset.csrf;
const notices = new FeedNotices(document.getElementById("set-notices"));
const table = section.querySelector("table.set-events");
const tbody = table.tBodies[0];
const filters = document.getElementById("event-filters");
const shownCount = document.getElementById("shown-count");
const message = document.getElementById("set-message");
const view = { key: section.dataset.sort || "date", desc: section.dataset.desc === "true" };
const stages = [...filters.elements.stage.options].map((o) => o.value).filter(Boolean);
const historyOpen = new Map(); // event id → the versions that touched it, while its history is shown
let confirming = null; // the event whose deletion waits for a yes
let state = null;

const write = (method, url, body, version) => fetch(url, {
  method,
  headers: { "X-CSRF-TOKEN": csrf, "If-Match": `"${version}"`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});

const form = canEdit ? new EventForm(document.getElementById("event-editor"), {
  api, stages, write, categories: () => state.categories, version: () => state.version,
  saved: async (text) => { say(text); await catchUp(); }, refresh: () => catchUp(),
}) : null;

function say(text) {
  message.textContent = text;
}

function selected(name) {
  const value = filters.elements[name].value;
  return value ? [value] : [];
}

function categoryNames() {
  return new Map(state.categories.map((c) => [c.id, c.name]));
}

function sourceLinks(e) {
  return e.sources.flatMap((s, i) => {
    const href = safeHref(s.url);
    const name = s.publisher || (href ? new URL(href).host : s.url);
    const link = href ? el("a", { href, rel: "noopener noreferrer nofollow", text: name }) : el("span", { text: name });
    return [i > 0 ? " " : null, link, s.official ? " (official)" : null].filter(Boolean);
  });
}

function actionButton(action, text, e, extra = {}) {
  return el("button", { type: "button", class: `secondary ${action}`, text, "data-action": action, "aria-label": `${text} event ${e.id}`, ...extra });
}

function actions(e) {
  if (confirming === e.id) {
    return [el("span", { text: `Delete ${e.id}? ` }),
      el("button", { type: "button", class: "danger", text: "Yes, delete", "data-action": "confirm-delete", "data-testid": "confirm-delete" }),
      actionButton("keep", "Keep", e)];
  }
  const buttons = [actionButton("history", "History", e, { "aria-expanded": String(historyOpen.has(e.id)), "aria-controls": `history-${e.id}` })];
  if (canEdit) buttons.push(actionButton("edit", "Edit", e), actionButton("delete", "Delete", e, { class: "secondary delete" }));
  return buttons;
}

function row(e, colours) {
  const colour = colours.get(e.category);
  const swatch = el("span", { class: "category-swatch" });
  swatch.style.backgroundColor = colour?.color ?? "#6B6B6B";
  return el("tr", { "data-event-id": e.id },
    el("th", { scope: "row", text: e.id }), el("td", { text: dateText(e) }), el("td", { text: e.title }), el("td", { text: e.stage ?? "" }),
    el("td", {}, swatch, ` ${colour?.name ?? e.category}`), el("td", { text: firstPublicText(e) }), el("td", { class: "summary", text: e.summary }),
    el("td", {}, ...sourceLinks(e)), el("td", { class: "row-actions" }, ...actions(e)));
}

function historyRow(e) {
  const entries = historyOpen.get(e.id);
  const items = entries.length === 0 ? [el("li", { text: "No change is recorded for this event." })] : entries.map((h) => el("li", {},
    el("p", { text: `Version ${h.version}, ${h.changedAt.slice(0, 16).replace("T", " ")} UTC, ${h.changedBy}: ${h.kind}` }),
    el("dl", {}, ...h.fields.flatMap((f) => [el("dt", { text: f.name }),
      el("dd", {}, f.before ? el("del", { text: f.before }) : null, f.before && f.after ? " → " : null, f.after ? el("ins", { text: f.after }) : null)]))));
  return el("tr", { class: "history-row", id: `history-${e.id}`, "data-testid": "event-history", "data-history-of": e.id },
    el("td", { colSpan: 9 }, el("div", { class: "history-box" }, el("h3", { text: `History of ${e.id}` }), el("ol", { class: "history-list" }, ...items))));
}

/** Draws the table from the state; the control that had focus keeps it (by its event and action) when it is still there. */
function render() {
  const active = document.activeElement?.closest?.("tbody tr[data-event-id] button") ? document.activeElement : null;
  const focus = active ? { id: active.closest("tr").dataset.eventId, action: active.dataset.action } : null;
  const colours = new Map(state.categories.map((c) => [c.id, c]));
  const all = [...state.events.values()];
  const shown = sortEvents(filterEvents(all, { stages: selected("stage"), categories: selected("category") }), view, categoryNames());
  tbody.replaceChildren(...shown.flatMap((e) => (historyOpen.has(e.id) ? [row(e, colours), historyRow(e)] : [row(e, colours)])));
  shownCount.textContent = `${shown.length} of ${all.length} events shown`;
  if (focus) {
    const again = tbody.querySelector(`tr[data-event-id="${CSS.escape(focus.id)}"] [data-action="${focus.action}"]`)
      ?? tbody.querySelector(`tr[data-event-id="${CSS.escape(focus.id)}"] button`);
    (again ?? table.parentElement).focus(); // a deleted row hands focus to its table
  }
}

/** The header's marks and aria-sort, on the column that sorts. */
function showSort() {
  for (const th of table.tHead.querySelectorAll("th[data-sort-key]")) {
    const current = th.dataset.sortKey === view.key;
    if (current) th.setAttribute("aria-sort", view.desc ? "descending" : "ascending");
    else th.removeAttribute("aria-sort");
    th.querySelector(".sort-mark").textContent = current ? (view.desc ? " ▼" : " ▲") : "";
  }
}

/** The address of what is shown: the filters and the order; a live page names no version (it follows the set). */
function rememberInUrl() {
  const url = new URL(location.href);
  const query = new URLSearchParams();
  const pairs = [["version", url.searchParams.get("version")], ["stage", filters.elements.stage.value], ["category", filters.elements.category.value],
    ["sort", view.key], ["desc", view.desc ? "true" : ""]];
  for (const [name, value] of pairs) if (value) query.set(name, value);
  url.search = query.toString();
  history.replaceState(null, "", url);
}

/** The version shown, wherever the page names it: heading, exports, permalink, filter options, the list of versions. */
function showVersion(versions = []) {
  document.getElementById("set-version").textContent = String(state.version);
  document.getElementById("set-title").textContent = state.title;
  document.getElementById("set-description").textContent = state.description;
  document.getElementById("set-changed").textContent = `${state.changedAt.slice(0, 16).replace("T", " ")} UTC by ${state.changedBy}`;
  for (const span of section.querySelectorAll("[data-version-text]")) span.textContent = String(state.version);
  for (const link of section.querySelectorAll("a[data-testid^=export-]")) {
    const url = new URL(link.href);
    url.searchParams.set("version", String(state.version));
    link.href = url.pathname + url.search;
  }
  const permalink = document.getElementById("set-permalink");
  permalink.href = `/EventSets/${encodeURIComponent(slug)}?version=${state.version}`;
  const category = filters.elements.category;
  const chosen = category.value;
  category.replaceChildren(el("option", { value: "", text: "every category" }), ...state.categories.map((c) => el("option", { value: c.id, text: c.name })));
  category.value = state.categories.some((c) => c.id === chosen) ? chosen : "";
  const list = document.getElementById("set-history");
  for (const v of versions) {
    list.prepend(el("li", {}, el("a", { href: `/EventSets/${encodeURIComponent(slug)}?version=${v.version}`, text: `Version ${v.version}` }),
      `, ${v.changedAt.slice(0, 16).replace("T", " ")} UTC, ${v.changedBy}: ${v.detail}`));
  }
  if (state.deleted) notices.report("deleted", `The set was deleted at version ${state.version}; its history stays readable.`);
}

let catching = null, again = false, failures = 0; // the catch-up under way, whether to run it once more, failures in a row

/** Brings the state up to the set's latest version from the changes feed; calls while one runs fold into one more round. */
async function catchUp() {
  if (catching) {
    again = true;
    return catching;
  }
  catching = (async () => {
    do {
      again = false;
      try {
        const response = await fetchOk(`${api}/changes?afterVersion=${state.version}`, "Set changes");
        const versions = await response.json();
        const before = state.version;
        applyVersions(state, versions);
        notices.report("changes", null);
        failures = 0;
        if (state.version !== before) {
          for (const id of historyOpen.keys()) historyOpen.set(id, await historyOf(id));
          showVersion(versions.filter((v) => v.version > before && v.version <= state.version));
          render();
        }
      } catch (error) {
        notices.report("changes", error.notice ?? `Set changes: ${error.message}`);
        setTimeout(() => catchUp(), retryDelay(failures++, error));
        return;
      }
    } while (again);
  })();
  try {
    await catching;
  } finally {
    catching = null;
  }
}

async function historyOf(id) {
  const response = await fetchOk(`${api}/history`, "History");
  return eventHistory((await response.json()).filter((v) => v.version <= state.version), id);
}

function connect() {
  const status = document.getElementById("connection-status");
  const connection = new window.signalR.HubConnectionBuilder().withUrl("/hubs/annotations")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * 2 ** ctx.previousRetryCount, 10000) }).build();
  connection.on("eventSetChanged", (change) => {
    if (change.slug === slug && change.version > state.version) catchUp();
  });
  connection.onreconnecting(() => showStatus(status, "reconnecting"));
  connection.onreconnected(async () => {
    await catchUp();
    showStatus(status, "connected");
  });
  const start = async () => {
    try {
      await connection.start();
      await catchUp(); // whatever changed between the page's read and the connection
      showStatus(status, "connected");
    } catch {
      showStatus(status, "disconnected");
      setTimeout(start, 3000);
    }
  };
  connection.onclose(() => {
    showStatus(status, "disconnected");
    setTimeout(start, 2000);
  });
  start();
}

async function onRowAction(button) {
  const id = button.closest("tr").dataset.eventId;
  const e = state.events.get(id);
  const action = button.dataset.action;
  if (action === "history") {
    if (historyOpen.has(id)) historyOpen.delete(id);
    else historyOpen.set(id, await untilItWorks(() => historyOf(id), "history", notices));
  } else if (action === "edit" && e) {
    form.open(e);
    return;
  } else if (action === "delete") {
    confirming = id;
  } else if (action === "keep") {
    confirming = null;
  } else if (action === "confirm-delete") {
    confirming = null;
    const response = await write("DELETE", `${api}/events/${encodeURIComponent(id)}`, undefined, state.version);
    if (response.ok) {
      say(`Event ${id} deleted.`);
      await catchUp();
      return;
    }
    const problem = await response.json().catch(() => null);
    notices.report("delete", `Event ${id} was not deleted: ${problem?.detail ?? problem?.title ?? response.status}`);
    await catchUp();
  }
  render();
}

async function start() {
  const version = section.dataset.version;
  const response = await untilItWorks(() => fetchOk(`${api}?version=${version}`, "Event set"), "set", notices);
  state = setState(await response.json());
  showSort();
  render();
  for (const th of table.tHead.querySelectorAll("th[data-sort-key]")) {
    th.querySelector("a.sort").addEventListener("click", (event) => {
      event.preventDefault();
      view.desc = view.key === th.dataset.sortKey ? !view.desc : false;
      view.key = th.dataset.sortKey;
      showSort();
      render();
      rememberInUrl();
    });
  }
  for (const type of ["change", "submit"]) {
    filters.addEventListener(type, (event) => {
      event.preventDefault();
      render();
      rememberInUrl();
    });
  }
  document.getElementById("filter-submit").hidden = true;
  table.tHead.rows[0].append(el("th", { scope: "col", text: "Actions" }));
  tbody.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) onRowAction(button);
  });
  if (canEdit) {
    const add = document.getElementById("add-event");
    add.hidden = false;
    add.addEventListener("click", () => form.open(null));
    document.getElementById("import-panel").hidden = false;
    new ImportPanel({ api, csrf, events: () => state.events, changed: () => catchUp() });
  }
  if (live && window.signalR) connect();
}

start();
