// The chart view: what the controls say, the chart query it makes, and the permalink it lives in.

export const ARTICLE_WINDOW = { from: "2019-01-01", to: "2020-06-30" };

const isoDate = (date) => date.toISOString().slice(0, 10);
const daysInMonth = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The from/to a preset means, given the span of the loaded data. */
export function presetRange(preset, firstDate, lastDate) {
  if (preset === "article" || !lastDate) return { ...ARTICLE_WINDOW };
  const [year, month, day] = lastDate.split("-").map(Number);
  // The same day of the month years before; 29 February falls back to the 28th (not over into March).
  const yearsBack = (years) => isoDate(new Date(Date.UTC(year - years, month - 1, Math.min(day, daysInMonth(year - years, month)))));
  switch (preset) {
    case "1y": return { from: yearsBack(1), to: lastDate };
    case "5y": return { from: yearsBack(5), to: lastDate };
    case "all": return { from: firstDate, to: lastDate };
    default: return null;
  }
}

export function readView(form) {
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  const allCategories = form.querySelectorAll('input[name="events"]').length;
  const categories = checked("events");
  return {
    view: form.querySelector('input[name="view"]:checked')?.value ?? "time",
    eventIds: [...form.querySelector("#event-ids").selectedOptions].map((o) => o.value),
    window: Number(form.querySelector("#window").value) || 10,
    benchmark: form.querySelector("#benchmark")?.checked ?? false,
    average: form.querySelector("#average")?.checked ?? false,
    range: form.querySelector("#range-preset").value,
    from: form.querySelector("#range-from").value,
    to: form.querySelector("#range-to").value,
    mode: form.querySelector("#mode").value,
    log: form.querySelector("#log").checked,
    currency: form.querySelector("#currency")?.value ?? "",
    symbols: checked("symbols"),
    events: categories.length === allCategories ? "all" : categories.length === 0 ? "none" : categories.join(","),
    // The set as the server pinned it (slug@version): the picture and the permalink keep showing that version.
    eventSet: form.querySelector("#event-set")?.value ?? "",
  };
}

export function writeView(form, view) {
  for (const input of form.querySelectorAll('input[name="view"]')) input.checked = input.value === view.view;
  for (const option of form.querySelector("#event-ids").options) option.selected = view.eventIds.includes(option.value);
  form.querySelector("#window").value = String(view.window);
  if (form.querySelector("#benchmark")) form.querySelector("#benchmark").checked = view.benchmark;
  if (form.querySelector("#average")) form.querySelector("#average").checked = view.average;
  form.querySelector("#range-preset").value = view.range;
  form.querySelector("#range-from").value = view.from;
  form.querySelector("#range-to").value = view.to;
  form.querySelector("#mode").value = view.mode;
  form.querySelector("#log").checked = view.log;
  if (form.querySelector("#currency")) form.querySelector("#currency").value = view.currency;
  if (view.symbols) {
    for (const input of form.querySelectorAll('input[name="symbols"]')) input.checked = view.symbols.includes(input.value);
  }
  const categories = view.events === "all" ? null : view.events === "none" ? [] : view.events.split(",");
  for (const input of form.querySelectorAll('input[name="events"]')) input.checked = !categories || categories.includes(input.value);
}

/** The chart query of the public contract for this view at this size. */
export function chartQuery(view, width, height) {
  const q = new URLSearchParams();
  if (view.symbols.length) q.set("symbols", view.symbols.join(","));
  q.set("from", view.from);
  q.set("to", view.to);
  q.set("mode", view.mode);
  q.set("log", String(view.log));
  q.set("events", view.events);
  if (view.eventSet) q.set("eventSet", view.eventSet);
  if (view.benchmark) q.set("benchmark", "true");
  if (view.currency) q.set("currency", view.currency);
  if (view.view === "event-time") {
    q.set("view", "event-time");
    q.set("eventIds", view.eventIds.join(","));
    q.set("window", String(view.window));
    if (view.average) q.set("average", "true");
  }
  q.set("width", String(width));
  q.set("height", String(height));
  return q;
}

/** The page URL that reproduces this view exactly, in this or any other browser. */
export function permalink(view, pathname = location.pathname) {
  const q = new URLSearchParams({ view: view.view, range: view.range, from: view.from, to: view.to, mode: view.mode, log: String(view.log), events: view.events });
  if (view.symbols.length) q.set("symbols", view.symbols.join(","));
  if (view.eventSet) q.set("eventSet", view.eventSet);
  if (view.benchmark) q.set("benchmark", "true");
  if (view.eventIds.length) q.set("eventIds", view.eventIds.join(","));
  if (view.window !== 10) q.set("window", String(view.window));
  if (view.average) q.set("average", "true");
  if (view.currency) q.set("currency", view.currency);
  // The colour theme chosen in the link stays in it.
  const theme = new URLSearchParams(globalThis.location?.search ?? "").get("theme");
  if (theme) q.set("theme", theme);
  return `${pathname}?${q}`;
}

export function viewFromUrl(defaults, search = location.search) {
  const q = new URLSearchParams(search);
  if (![...q.keys()].some((key) => key !== "theme")) return defaults;
  return {
    view: q.get("view") === "event-time" ? "event-time" : "time",
    eventIds: (q.get("eventIds") ?? "").split(",").filter(Boolean),
    window: Number(q.get("window")) || 10,
    benchmark: q.get("benchmark") === "true",
    average: q.get("average") === "true",
    range: q.get("range") ?? "custom",
    from: q.get("from") ?? defaults.from,
    to: q.get("to") ?? defaults.to,
    mode: q.get("mode") ?? defaults.mode,
    log: q.get("log") === "true",
    currency: q.get("currency") ?? defaults.currency,
    symbols: q.has("symbols") ? q.get("symbols").split(",").filter(Boolean) : defaults.symbols,
    events: q.get("events") ?? defaults.events,
  };
}
