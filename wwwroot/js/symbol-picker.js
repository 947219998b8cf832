// The dashboard's symbol picker: with hundreds of series, the chosen ones are checkboxes (as the view module
// reads them) and the others are found by typing part of a symbol or name. Picking one adds its checkbox,
// ticked, and tells the form it changed, so the chart redraws and the permalink keeps it.

import { el } from "./dom.js";

const MAX_SHOWN = 12;

/** The series whose symbol or name holds the text, best first; not those chosen already, nor the benchmark (it has its own checkbox). */
export function matches(series, text, chosen, benchmark) {
  const needle = text.trim().toUpperCase();
  if (!needle) return [];
  const rank = (s) => (s.symbol.startsWith(needle) ? 0 : s.symbol.includes(needle) ? 1 : 2);
  return series
    .filter((s) => !chosen.has(s.symbol) && s.symbol !== benchmark)
    .filter((s) => s.symbol.includes(needle) || s.name.toUpperCase().includes(needle))
    .sort((a, b) => rank(a) - rank(b) || a.symbol.localeCompare(b.symbol))
    .slice(0, MAX_SHOWN);
}

function start(root, choices, series, benchmark) {
  const input = root.querySelector("input");
  const list = root.querySelector("ul");
  let options = [];
  let active = -1;

  const chosen = () => new Set([...choices.querySelectorAll('input[name="symbols"]')].map((i) => i.value));

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function show() {
    options = matches(series, input.value, chosen(), benchmark);
    list.replaceChildren(...options.map((s, i) =>
      el("li", { id: `symbol-option-${i}`, role: "option", "data-symbol": s.symbol, "aria-selected": String(i === active) },
        el("strong", { text: s.symbol }), ` ${s.name === s.symbol ? "" : s.name}`)));
    if (options.length === 0 && input.value.trim()) list.append(el("li", { class: "empty", text: "No such series" }));
    list.hidden = !input.value.trim();
    input.setAttribute("aria-expanded", String(!list.hidden));
    if (active >= 0) input.setAttribute("aria-activedescendant", `symbol-option-${active}`);
  }

  function pick(symbol) {
    const existing = choices.querySelector(`input[name="symbols"][value="${CSS.escape(symbol)}"]`);
    const box = existing ?? el("input", { type: "checkbox", name: "symbols", value: symbol });
    if (!existing) choices.append(el("label", { class: "check" }, box, ` ${symbol}`));
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    input.value = "";
    close();
  }

  input.addEventListener("input", () => {
    active = -1;
    show();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!options.length) return;
      active = (active + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
      show();
    } else if (e.key === "Enter") {
      e.preventDefault();
      const choice = options[active >= 0 ? active : 0];
      if (choice) pick(choice.symbol);
    } else if (e.key === "Escape") {
      close();
    }
  });
  // The picker's own change events are not the form's: only a ticked checkbox redraws the chart.
  input.addEventListener("change", (e) => e.stopPropagation());
  list.addEventListener("pointerdown", (e) => {
    const item = e.target.closest("li[data-symbol]");
    if (!item) return;
    e.preventDefault();
    pick(item.dataset.symbol);
  });
  input.addEventListener("blur", close);
}

const root = document.querySelector("#symbol-picker");
const choices = document.querySelector("#symbol-choices");
const data = document.querySelector("#dashboard-data");
if (root && choices && data) {
  const page = JSON.parse(data.textContent);
  start(root, choices, page.series.filter((s) => s.count > 0), page.benchmark);
}
