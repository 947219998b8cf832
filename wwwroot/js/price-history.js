// Stored daily prices, fetched once per symbol, and the values the chart plots from them in each mode.

const histories = new Map();

/** Every stored day of a symbol, ascending: [{date, close, value}] with value the adjusted close (the close where none). */
export function history(symbol) {
  if (!histories.has(symbol)) {
    const load = allPages(`/api/series/${encodeURIComponent(symbol)}/prices`)
      .then((bars) => bars.map((b) => ({ date: b.date, close: b.close, value: b.adjClose ?? b.close })));
    load.catch(() => histories.delete(symbol));
    histories.set(symbol, load);
  }
  return histories.get(symbol);
}

/** The listing is paged: follow its Link rel="next" until the last page. */
async function allPages(url) {
  const bars = [];
  for (let next = url; next; ) {
    const response = await fetch(next);
    if (!response.ok) break;
    bars.push(...(await response.json()));
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("Link") ?? "")?.[1];
  }
  return bars;
}

/** Forget what was fetched: prices were imported. */
export function forgetHistories() { histories.clear(); }

/** Index of the first day on or after iso. */
export function firstOnOrAfter(days, iso) {
  let low = 0, high = days.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (days[mid].date < iso) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A series as the chart plots it over [from, to], as the server's renderer does: price mode shows the quoted close,
 * rebased and percent use the adjusted close relative to the first day in range.
 */
export function plotted(days, from, to, mode) {
  const start = firstOnOrAfter(days, from);
  const end = firstOnOrAfter(days, to > "" ? nextDay(to) : to);
  const base = days[start]?.value;
  const shown = (d) => (mode === "price" ? d.close : mode === "percent" ? (d.value / base - 1) * 100 : (d.value / base) * 100);
  return { start, end, shown };
}

function nextDay(iso) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
}
