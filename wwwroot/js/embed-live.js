// A live embed follows the annotations as the dashboard does (the same client, the same hub). When a change touches
// the days its picture shows, the picture is asked for again: the server draws a view once per change for every
// reader (its render cache), and a reader who already has that picture is answered 304. Only the picture on screen
// is fetched; the other theme's waits until the reader's system switches to it.
import { LiveAnnotations } from "./live-annotations.js";
import { fetchOk, retryDelay } from "./feed.js";

const figure = document.querySelector("[data-testid=embed]");
const { liveFrom: from, liveTo: to } = figure.dataset;
const img = figure.querySelector("img");
const dark = figure.querySelector("source");
const variants = [dark, img].filter(Boolean);
const address = new Map(variants.map((v) => [v, v === img ? img.getAttribute("src") : v.getAttribute("srcset")]));
const fetched = new Map(variants.map((v) => [v, 0]));
let wanted = 0;
let failures = 0;
let flight = null;
let again = false;

const touches = (a) => Boolean(a) && a.date <= to && (a.endDate ?? a.date) >= from;
const shown = () => (dark && window.matchMedia(dark.media).matches ? dark : img);

function put(variant, url) {
  const old = variant === img ? img.src : variant.srcset;
  if (variant === img) img.src = url;
  else variant.srcset = url;
  if (old.startsWith("blob:")) img.addEventListener("load", () => URL.revokeObjectURL(old), { once: true });
}

/** Fetches the picture on screen until it reflects the latest change; calls while one runs fold into one more round. */
async function refresh() {
  if (flight) {
    again = true;
    return;
  }
  flight = (async () => {
    do {
      again = false;
      const variant = shown();
      const generation = wanted;
      if (fetched.get(variant) >= generation) return;
      try {
        const response = await fetchOk(address.get(variant), "Chart", (url) => fetch(url, { cache: "no-cache" }));
        put(variant, URL.createObjectURL(await response.blob()));
        fetched.set(variant, generation);
        failures = 0;
        figure.dataset.pictureSeq = String(annotations.lastSeq);
      } catch (error) {
        setTimeout(refresh, retryDelay(failures++, error));
        return;
      }
    } while (again || fetched.get(shown()) < wanted);
  })();
  try {
    await flight;
  } finally {
    flight = null;
  }
}

function changed() {
  wanted++;
  refresh();
}

const annotations = new LiveAnnotations();
let known = new Map();
let loaded = false;
annotations.onChange((change) => {
  const before = change ? known.get(change.id) : undefined;
  known = new Map(annotations.all.map((a) => [a.id, a]));
  // The page was drawn at one seq and the list read later: a change in between means a picture to check.
  if (!loaded) {
    loaded = true;
    if (annotations.lastSeq > Number(figure.dataset.seq)) changed();
    else figure.dataset.pictureSeq = String(annotations.lastSeq);
  } else if (change && (touches(before) || touches(annotations.get(change.id)))) changed();
});
if (dark) window.matchMedia(dark.media).addEventListener("change", refresh);
annotations.start();
