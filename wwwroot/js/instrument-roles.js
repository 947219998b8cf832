// Editors set each series' role on the Import page: vendors are what the dashboard charts and studies by
// default, the benchmark is the market, the others are context. The server checks the editor and the token, and
// decides: a new benchmark makes the previous one other, so every select is set again from its answer.

import { el } from "./dom.js";

/** The roles there are, as the page was told them. */
const roles = () => (document.querySelector(".series-table")?.dataset.roles ?? "").split(" ").filter(Boolean);

/** The role cell's content: a select for editors, the plain role for everyone else. */
export function roleControl(series, canWrite) {
  if (!canWrite) return series.role;
  const select = el("select", { class: "role-select", "data-testid": `role-${series.symbol}`, "data-symbol": series.symbol, "aria-label": `Role of ${series.symbol}` },
    ...roles().map((role) => el("option", { value: role, text: role, selected: role === series.role })));
  select.dataset.role = series.role;
  return select;
}

/** Every select as the server has the roles now. */
async function showStoredRoles() {
  const response = await fetch("/api/series");
  if (!response.ok) return;
  for (const s of await response.json()) {
    const select = document.querySelector(`select.role-select[data-symbol="${CSS.escape(s.symbol)}"]`);
    if (select && select.value !== s.role) {
      select.value = s.role;
      select.dataset.role = s.role;
      select.title = `Now ${s.role}`;
    }
  }
}

async function setRole(select) {
  const previous = select.dataset.role;
  select.disabled = true;
  const response = await fetch(`/api/series/${encodeURIComponent(select.dataset.symbol)}/role`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": document.body.dataset.csrf },
    body: JSON.stringify({ role: select.value }),
  });
  select.disabled = false;
  if (response.ok) {
    select.dataset.role = select.value;
    select.title = `Saved: ${select.value}`;
    await showStoredRoles();
  } else {
    select.value = previous;
    const problem = await response.json().catch(() => ({}));
    select.title = problem.detail ?? `Not saved (${response.status})`;
  }
  select.dataset.saved = String(response.ok);
}

for (const select of document.querySelectorAll("select.role-select")) select.dataset.role = select.value;
// Delegated: the table's rows are rebuilt after every import.
document.addEventListener("change", (e) => e.target.matches?.("select.role-select") && setRole(e.target));
