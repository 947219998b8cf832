// The editors' Publish link on the dashboard: it carries the view on screen to the Publish form.
import { permalink } from "./view.js";

/**
 * Publish carries the view as its permalink says it, less what is not the view: the theme is the reader's own, and the
 * range preset only named the dates that from and to already hold.
 */
export function linkPublish(view) {
  const link = document.getElementById("publish-link");
  if (!link) return;
  const query = new URL(permalink(view), location.origin).searchParams;
  query.delete("theme");
  query.delete("range");
  link.href = `/Publish?${new URLSearchParams({ kind: view.view === "event-time" ? "event-time" : "chart", query: String(query) })}`;
}
