// The list of sets: an editor creates one here and is taken to its page; refusals are shown next to the field they name.

import { errorsByField } from "./event-set-view.js";

const form = document.getElementById("new-set-form");

async function create(event) {
  event.preventDefault();
  const message = document.getElementById("new-set-message");
  const body = { slug: form.elements.slug.value.trim(), title: form.elements.title.value, description: form.elements.description.value };
  for (const slot of form.querySelectorAll(".field-error")) slot.textContent = "";
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  message.textContent = "";
  let response;
  try {
    response = await fetch("/api/event-sets", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": document.body.dataset.csrf },
      body: JSON.stringify(body),
    });
  } catch {
    message.textContent = "The server could not be reached; no set was created.";
    return;
  }
  if (response.ok) {
    location.assign(`/EventSets/${encodeURIComponent(body.slug)}`);
    return;
  }
  const problem = await response.json().catch(() => null);
  // A taken slug is a conflict without a field list: it belongs next to the slug all the same.
  const byField = response.status === 409 ? new Map([["slug", [problem?.detail ?? "That slug is taken."]]]) : errorsByField(problem, ["slug", "title", "description"]);
  let first = null;
  for (const [field, messages] of byField) {
    const slot = field ? form.querySelector(`[data-error-for="${field}"]`) : message;
    slot.textContent = messages.join(" ");
    if (field) {
      form.elements[field].setAttribute("aria-invalid", "true");
      first ??= form.elements[field];
    }
  }
  first?.focus();
}

form?.addEventListener("submit", create);
