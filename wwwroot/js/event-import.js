// Importing a file into a set: the server first says what the file would add and change (or every line it refuses),
// and only a confirmed preview is stored, at the version it was previewed against.

import { el } from "./dom.js";
import { errorsByField, importType } from "./event-set-view.js";

export class ImportPanel {
  #options;
  #form = document.getElementById("import-form");
  #file = document.getElementById("import-file");
  #report = document.getElementById("import-report");

  /** `options`: api, csrf, events() (the set's events by id), changed() (after a stored import). */
  constructor(options) {
    this.#options = options;
    this.#form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.#preview();
    });
  }

  #post(file, type, query, version) {
    const headers = { "Content-Type": type, "X-CSRF-TOKEN": this.#options.csrf };
    if (version !== undefined) headers["If-Match"] = `"${version}"`;
    return fetch(`${this.#options.api}/import${query}`, { method: "POST", headers, body: file });
  }

  #show(...children) {
    this.#report.replaceChildren(...children);
  }

  async #preview() {
    const file = this.#file.files[0];
    if (!file) {
      this.#show(el("p", { class: "form-message", role: "alert", text: "Choose a file first." }));
      return;
    }
    const type = importType(file.name, file.type);
    if (!type) {
      this.#show(el("p", { class: "form-message", role: "alert", text: `${file.name} is not a .csv, .json or .ics file.` }));
      return;
    }
    this.#show(el("p", { text: `Checking ${file.name}…` }));
    let response;
    try {
      response = await this.#post(file, type, "?preview=true");
    } catch {
      this.#show(el("p", { class: "form-message", role: "alert", text: "The server could not be reached; nothing was stored." }));
      return;
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      this.#refused(file.name, body);
      return;
    }
    this.#previewed(file, type, body);
  }

  #refused(name, problem) {
    const messages = [...errorsByField(problem, [])].flatMap(([, list]) => list);
    const lines = (problem?.errors ?? []).map((e) => `${e.line != null ? `line ${e.line}` : "file"}${e.field ? ` (${e.field})` : ""}: ${e.message}`);
    this.#show(el("div", { class: "import-outcome is-refused", "data-outcome": "refused" },
      el("h3", { text: `${name}: refused, nothing stored` }),
      el("p", { text: problem?.detail ?? messages.join(" ") }),
      lines.length ? el("ul", { class: "errors", "data-testid": "import-errors" }, ...lines.map((line) => el("li", { text: line }))) : null));
  }

  #previewed(file, type, report) {
    const events = this.#options.events();
    const titled = (id) => (events.get(id) ? `${id} (${events.get(id).title})` : id);
    const list = (what, ids, testid) => el("div", {}, el("h4", { text: `${what}: ${ids.length}` }),
      ids.length ? el("ul", { class: "ids", "data-testid": testid }, ...ids.map((id) => el("li", { text: titled(id) }))) : null);
    const confirm = el("button", { type: "button", text: "Store these changes", "data-testid": "set-import-confirm" });
    const cancel = el("button", { type: "button", class: "secondary", text: "Cancel", "data-testid": "set-import-cancel" });
    const nothing = report.added + report.updated === 0;
    confirm.disabled = nothing;
    this.#show(el("div", { class: "import-outcome", "data-outcome": "preview", "data-testid": "set-import-preview-report" },
      el("h3", { text: `${file.name}: preview against version ${report.version}, nothing stored yet` }),
      el("p", { class: "counts", text: `Would add ${report.added}, change ${report.updated}, leave ${report.unchanged} unchanged and remove none (an import never removes events).` }),
      list("Added", report.addedIds, "import-added"), list("Changed", report.updatedIds, "import-changed"),
      el("div", { class: "form-actions" }, confirm, cancel)));
    confirm.addEventListener("click", () => this.#store(file, type, report.version));
    cancel.addEventListener("click", () => this.#cancel());
    (nothing ? cancel : confirm).focus();
  }

  async #store(file, type, version) {
    let response;
    try {
      response = await this.#post(file, type, "", version);
    } catch {
      this.#show(el("p", { class: "form-message", role: "alert", text: "The server could not be reached; nothing was stored." }));
      return;
    }
    const body = await response.json().catch(() => null);
    if (response.status === 412) {
      this.#show(el("p", { class: "form-message", role: "alert", text: "The set changed since the preview; nothing was stored. Preview the file again." }));
    } else if (!response.ok) {
      this.#refused(file.name, body);
    } else {
      this.#file.value = "";
      this.#show(el("p", { class: "import-outcome", "data-outcome": "stored", role: "status",
        text: `${file.name} stored as version ${body.version}: added ${body.added}, changed ${body.updated}, unchanged ${body.unchanged}.` }));
      await this.#options.changed();
    }
    this.#file.focus();
  }

  #cancel() {
    this.#file.value = "";
    this.#show(el("p", { class: "import-outcome", "data-outcome": "cancelled", role: "status", text: "Import cancelled; nothing was stored." }));
    this.#file.focus();
  }
}
