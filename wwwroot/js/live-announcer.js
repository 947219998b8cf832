// Live annotations said politely to a screen reader as they arrive, in a live region of their own, with a visible
// control to pause the announcements (and resume them); the choice is remembered on this browser. The list beside the
// chart keeps changing either way. The wording is pure and runs under Node's test runner too.

const KIND = { added: "New annotation", updated: "Annotation changed", deleted: "Annotation removed" };

/** What a change says: its kind, the day or period, the vendor, the author and the text (cut to 200 characters). */
export function announcement(kind, annotation) {
  if (!KIND[kind]) return null;
  if (!annotation) return `${KIND[kind]}.`;
  const days = annotation.endDate ? `${annotation.date} to ${annotation.endDate}` : annotation.date;
  const text = annotation.text.length > 200 ? `${annotation.text.slice(0, 199)}…` : annotation.text;
  return `${KIND[kind]} on ${days}${annotation.symbol ? ` for ${annotation.symbol}` : ""} by ${annotation.author}: ${text}`;
}

export class LiveAnnouncer {
  #paused;

  /** region: an aria-live="polite" element; toggle: the pause button; storage: where the choice is kept (or null). */
  constructor(region, toggle, storage = globalThis.localStorage ?? null) {
    this.region = region;
    this.toggle = toggle;
    this.storage = storage;
    this.#paused = storage?.getItem("announce-annotations") === "paused";
    toggle.addEventListener("click", () => this.setPaused(!this.#paused));
    this.#show();
  }

  get paused() { return this.#paused; }

  setPaused(paused) {
    this.#paused = paused;
    this.storage?.setItem("announce-annotations", paused ? "paused" : "on");
    this.#show();
  }

  /** Says a change (kind, and the annotation as the list now holds it or held it), unless paused. */
  say(kind, annotation) {
    const text = announcement(kind, annotation);
    if (this.#paused || !text) return;
    this.region.textContent = text;
  }

  #show() {
    this.toggle.setAttribute("aria-pressed", String(this.#paused));
    this.toggle.textContent = this.#paused ? "Resume announcements" : "Pause announcements";
  }
}
