// The form that adds an event to a set or changes one: every field of the event, the server's refusals shown next to
// the field they name, and the version it was opened at sent along, so that a change made meanwhile is never overwritten unseen.

import { el } from "./dom.js";
import { errorsByField, eventInput, FIELDS } from "./event-set-view.js";

const PRECISIONS = [["day", "day"], ["month", "month"], ["undated", "undated"]];
const CONFIDENCES = [["", "not given"], ["low", "low"], ["medium", "medium"], ["medium-high", "medium-high"], ["high", "high"]];
const HINTS = {
  jurisdictions: "Comma-separated, for example EU, SE, US.",
  companies: "Comma-separated symbols the event concerns directly, for example ERIC, NOK.",
  announced: "The local moment the news came out, when known.",
  timeZone: "An IANA time zone, for example America/New_York; required with the moment.",
  firstPublic: "When the news was public before its date.",
  endDate: "For a period: its last day.",
};

export class EventForm {
  #panel;
  #options;
  #form = null;
  #original = null;
  #opener = null;
  #baseVersion = 0;

  /** `options`: api, stages, write(method, url, body, version), categories(), version(), saved(text), refresh(). */
  constructor(panel, options) {
    this.#panel = panel;
    this.#options = options;
  }

  open(event) {
    this.#opener = document.activeElement;
    this.#original = event;
    this.#baseVersion = this.#options.version();
    const title = event ? `Edit event ${event.id}` : "Add an event";
    this.#form = el("form", { class: "event-form", "data-testid": "event-form", noValidate: true, "aria-labelledby": "editor-title" },
      ...this.#fields(event ?? { precision: "day", sources: [] }),
      el("div", { class: "form-actions" },
        el("button", { type: "submit", text: event ? "Save changes" : "Add event", "data-testid": "event-save" }),
        el("button", { type: "button", class: "secondary", text: "Cancel", "data-testid": "event-cancel", onclick: () => this.close() }),
        el("span", { class: "form-message", id: "event-form-message", "data-testid": "event-form-message", role: "alert" })));
    this.#form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.#save();
    });
    this.#form.addEventListener("keydown", (e) => {
      if (e.key === "Escape") this.close();
    });
    this.#panel.replaceChildren(el("section", { class: "set-panel editor" }, el("h2", { id: "editor-title", text: title }), this.#form));
    this.#panel.scrollIntoView({ block: "nearest" });
    this.#form.elements[event ? "title" : "id"].focus();
  }

  close() {
    this.#panel.replaceChildren();
    this.#form = null;
    if (this.#opener?.isConnected) this.#opener.focus();
  }

  #control(name, label, control, hint = HINTS[name]) {
    control.id = `event-${name}`;
    control.name = name;
    control.setAttribute("data-testid", `event-${name}`);
    const described = [hint ? `event-${name}-hint` : null, `event-${name}-error`].filter(Boolean).join(" ");
    control.setAttribute("aria-describedby", described);
    return el("div", { class: `field${control.tagName === "TEXTAREA" ? " wide" : ""}` },
      el("label", { htmlFor: control.id, text: label }), control,
      hint ? el("p", { class: "hint", id: `event-${name}-hint`, text: hint }) : null,
      el("p", { class: "field-error", id: `event-${name}-error`, "data-error-for": name }));
  }

  #fields(e) {
    const name = Object.fromEntries(FIELDS);
    const input = (field, props = {}) => this.#control(field, name[field], el("input", { type: "text", value: e[field] ?? "", autocomplete: "off", ...props }));
    const select = (field, options, value) => this.#control(field, name[field],
      el("select", {}, ...options.map(([v, text]) => el("option", { value: v, text, selected: v === (value ?? "") }))));
    const area = (field) => this.#control(field, name[field], el("textarea", { rows: 3, maxLength: 4000, value: e[field] ?? "" }));
    const categories = this.#options.categories().map((c) => [c.id, c.name]);
    if (e.category && !categories.some(([id]) => id === e.category)) categories.push([e.category, e.category]);
    return [
      input("id", { maxLength: 40, required: true, readOnly: Boolean(this.#original) }), input("title", { maxLength: 200, required: true }),
      input("label", { maxLength: 200 }), area("summary"),
      select("category", categories, e.category), select("stage", [["", "not given"], ...this.#options.stages.map((s) => [s, s])], e.stage),
      input("jurisdictions", { value: (e.jurisdictions ?? []).join(", ") }), input("companies", { value: (e.companies ?? []).join(", ") }),
      input("date", { type: "date", value: e.date ?? "" }), select("precision", PRECISIONS, e.precision),
      input("endDate", { type: "date", value: e.endDate ?? "" }),
      input("announced", { type: "datetime-local", value: e.announced ?? "" }),
      zoneField(input("timeZone", { value: e.timeZone ?? "", spellcheck: false })),
      input("firstPublic", { type: "date", value: e.firstPublic ?? "" }),
      this.#sources(e.sources ?? []),
      select("confidence", CONFIDENCES, e.confidence), area("notes"),
    ];
  }

  #sources(sources) {
    const list = el("ol", { class: "source-list" });
    const add = (s) => {
      const n = list.children.length + 1;
      const url = el("input", { type: "url", value: s.url ?? "", "data-field": "url", "data-testid": "source-url", autocomplete: "off" });
      const publisher = el("input", { type: "text", value: s.publisher ?? "", "data-field": "publisher", "data-testid": "source-publisher", maxLength: 200 });
      const official = el("input", { type: "checkbox", checked: Boolean(s.official), "data-field": "official", "data-testid": "source-official" });
      const item = el("li", { class: "source" },
        el("label", {}, `URL of source ${n} `, url), el("label", {}, "Publisher ", publisher), el("label", { class: "check" }, official, " official"),
        el("button", { type: "button", class: "secondary", text: "Remove", "aria-label": `Remove source ${n}`, onclick: () => item.remove() }));
      list.append(item);
      return url;
    };
    sources.forEach(add);
    return el("fieldset", { class: "field wide sources", "aria-describedby": "event-sources-error" },
      el("legend", { text: "Sources" }), list,
      el("button", { type: "button", class: "secondary", text: "Add source", "data-testid": "add-source", onclick: () => add({}).focus() }),
      el("p", { class: "field-error", id: "event-sources-error", "data-error-for": "sources" }));
  }

  #entries() {
    const form = this.#form;
    const entries = Object.fromEntries(FIELDS.filter(([f]) => f !== "sources").map(([f]) => [f, form.elements[f].value]));
    entries.sources = [...form.querySelectorAll("li.source")].map((li) => ({
      url: li.querySelector("[data-field=url]").value, publisher: li.querySelector("[data-field=publisher]").value,
      official: li.querySelector("[data-field=official]").checked,
    }));
    return entries;
  }

  #show(byField) {
    const form = this.#form;
    for (const p of form.querySelectorAll(".field-error")) p.textContent = "";
    for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
    let first = null;
    for (const [field, messages] of byField) {
      const slot = field ? form.querySelector(`[data-error-for="${field}"]`) : null;
      (slot ?? form.querySelector("#event-form-message")).textContent = messages.join(" ");
      const control = field === "sources" ? form.querySelector("li.source input") : field ? form.elements[field] : null;
      control?.setAttribute("aria-invalid", "true");
      first ??= control;
    }
    first?.focus();
  }

  async #save() {
    const original = this.#original;
    const body = eventInput(this.#entries(), original);
    const api = this.#options.api;
    const url = original ? `${api}/events/${encodeURIComponent(original.id)}` : `${api}/events`;
    this.#form.querySelector("[data-testid=event-save]").disabled = true;
    try {
      const response = await this.#options.write(original ? "PUT" : "POST", url, body, this.#baseVersion);
      if (response.ok) {
        const version = (response.headers.get("ETag") ?? "").replaceAll('"', "");
        this.close();
        await this.#options.saved(`Event ${body.id} ${original ? "saved" : "added"}${version ? ` as version ${version}` : ""}.`);
        return;
      }
      const problem = await response.json().catch(() => null);
      if (response.status === 412) {
        await this.#options.refresh();
        this.#baseVersion = this.#options.version();
        this.#show(new Map([["", ["Someone changed the set since you opened this form; the table shows it now. Your entries are kept: save again to apply them."]]]));
      } else if (response.status === 409 && !original) {
        this.#show(new Map([["id", [problem?.detail ?? `The set already has an event ${body.id}.`]]]));
      } else {
        this.#show(errorsByField(problem));
      }
    } catch {
      this.#show(new Map([["", ["The server could not be reached; nothing was saved."]]]));
    } finally {
      const save = this.#form?.querySelector("[data-testid=event-save]");
      if (save) save.disabled = false;
    }
  }
}

let zones = null;

/** The browser's IANA time zones as suggestions for the time-zone field (typed values are checked by the server). */
function zoneField(field) {
  if (!zones && typeof Intl.supportedValuesOf === "function") {
    zones = el("datalist", { id: "time-zones" }, ...Intl.supportedValuesOf("timeZone").map((z) => el("option", { value: z })));
    document.body.append(zones);
  }
  if (zones) field.querySelector("input").setAttribute("list", "time-zones");
  return field;
}
