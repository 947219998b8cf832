// The annotation list and form beside the chart: add, edit, delete, and read an annotation's history.
import { el } from "./dom.js";

const $ = (selector) => document.querySelector(selector);

export class AnnotationPanel {
  constructor(annotations, me, writeHeaders) {
    this.annotations = annotations;
    this.me = me;
    this.writeHeaders = writeHeaders;
    $("#annotation-form").addEventListener("submit", (e) => this.#submit(e));
    $("#annotation-cancel").addEventListener("click", () => this.resetForm());
  }

  #mayChange(a) { return this.me.role === "admin" || (this.me.canWrite && a.author === this.me.name); }

  /** Redraws the list: in full at first, then only the item a change touched, so a live change costs little. */
  render(change) {
    const list = $("#annotation-list");
    const shown = list.querySelector(`[data-annotation-id="${change?.id}"]`);
    if (!change || (change.kind !== "deleted" && !this.annotations.get(change.id))) {
      list.replaceChildren(...this.annotations.all.map((a) => this.#item(a, false)));
    } else if (change.kind === "deleted") {
      shown?.remove();
    } else {
      shown?.remove();
      const all = this.annotations.all;
      const index = all.findIndex((a) => a.id === change.id);
      const next = all.slice(index + 1).map((a) => list.querySelector(`[data-annotation-id="${a.id}"]`)).find(Boolean) ?? null;
      list.insertBefore(this.#item(all[index], true), next);
    }
    $("#annotation-empty").hidden = list.children.length > 0;
  }

  #item(a, flash) {
    return el("li", { "data-annotation-id": String(a.id), class: flash ? "flash" : "" },
      el("div", { class: "meta", text: `${a.endDate ? `${a.date} – ${a.endDate}` : a.date}${a.symbol ? ` · ${a.symbol}` : ""} · ${a.author}` }),
      el("div", { class: "text", text: a.text }),
      el("div", { class: "actions" },
        this.#mayChange(a) ? el("button", { type: "button", class: "edit", text: "Edit", "aria-label": `Edit annotation of ${a.date}`, onclick: () => this.#startEdit(a) }) : null,
        this.#mayChange(a) ? el("button", { type: "button", class: "delete", text: "Delete", "aria-label": `Delete annotation of ${a.date}`, onclick: () => this.#remove(a) }) : null,
        el("button", { type: "button", class: "history", text: "History", "aria-expanded": "false", "aria-label": `History of the annotation of ${a.date}`, onclick: (e) => this.#toggleHistory(a, e.currentTarget) })),
      el("ol", { class: "history-list", "data-testid": "annotation-history", hidden: true }));
  }

  /** Starts a new annotation on these days, from a gesture on the chart or its keyboard path; focus goes to the text (or the given field). */
  startAt(first, last = null, focus = "#annotation-text") {
    if (!this.me.canWrite) return;
    this.resetForm();
    $("#annotation-date").value = first;
    $("#annotation-end-date").value = last && last !== first ? last : "";
    $(focus).focus();
  }

  /** Gives the annotation being written an end date (the keyboard path's second step). */
  endAt(last) {
    if (!this.me.canWrite) return;
    const first = $("#annotation-date").value;
    if (!first) return this.startAt(last);
    const [a, b] = [first, last].sort();
    $("#annotation-date").value = a;
    $("#annotation-end-date").value = a === b ? "" : b;
    $("#annotation-text").focus();
  }

  resetForm() {
    $("#annotation-form").reset();
    $("#annotation-id").value = "";
    $("#annotation-submit").textContent = "Add annotation";
    $("#annotation-cancel").hidden = true;
  }

  /** The audit trail of one annotation: every change, who made it and when, with the text before and after. */
  async #toggleHistory(a, button) {
    const list = button.closest("li").querySelector(".history-list");
    if (!list.hidden) {
      list.hidden = true;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const response = await fetch(`/api/annotations/${a.id}/history`);
    if (!response.ok) return;
    const describe = (x) => (x ? `${x.endDate ? `${x.date} – ${x.endDate}` : x.date}${x.symbol ? ` · ${x.symbol}` : ""}: ${x.text}` : "—");
    list.replaceChildren(...(await response.json()).map((change) =>
      el("li", {},
        el("div", { class: "meta", text: `#${change.seq} ${change.kind} by ${change.changedBy}, ${new Date(change.changedAt).toLocaleString()}` }),
        change.kind === "updated" ? el("div", { class: "before", text: `before: ${describe(change.before)}` }) : null,
        el("div", { class: "after", text: change.kind === "deleted" ? `removed: ${describe(change.before)}` : `${change.kind === "added" ? "text" : "after"}: ${describe(change.after)}` }))));
    list.hidden = false;
    button.setAttribute("aria-expanded", "true");
  }

  #startEdit(a) {
    $("#annotation-id").value = String(a.id);
    $("#annotation-date").value = a.date;
    $("#annotation-end-date").value = a.endDate ?? "";
    $("#annotation-symbol").value = a.symbol ?? "";
    $("#annotation-text").value = a.text;
    $("#annotation-submit").textContent = "Save changes";
    $("#annotation-cancel").hidden = false;
    $("#annotation-text").focus();
  }

  async #remove(a) {
    if (!confirm(`Delete the annotation of ${a.date}?`)) return;
    const response = await fetch(`/api/annotations/${a.id}`, { method: "DELETE", headers: this.writeHeaders });
    if (!response.ok && response.status !== 404) $("#annotation-message").textContent = await problemText(response);
  }

  async #submit(event) {
    event.preventDefault();
    const message = $("#annotation-message");
    message.textContent = "";
    const id = $("#annotation-id").value;
    const body = {
      date: $("#annotation-date").value,
      endDate: $("#annotation-end-date").value || null,
      symbol: $("#annotation-symbol").value || null,
      text: $("#annotation-text").value,
    };
    const response = await fetch(id ? `/api/annotations/${id}` : "/api/annotations", {
      method: id ? "PUT" : "POST",
      headers: this.writeHeaders,
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      message.textContent = await problemText(response);
      return;
    }
    this.annotations.apply(id ? "updated" : "added", await response.json());
    this.resetForm();
  }
}

export async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.errors?.map((e) => e.message).join(" ") || problem.detail || problem.title;
  } catch {
    return `The server answered ${response.status}.`;
  }
}
