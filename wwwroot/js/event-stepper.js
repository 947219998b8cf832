// The event stepper: next and previous event, from buttons or keys, in the calendar and the event-time view. Each step
// says (politely, to a screen reader) the event's title, its day 0 on each vendor's listing and, from the study the
// server ran, its CAR and p. Nothing here computes a study: the numbers are the server's answer, as it gave them.
// The pure part (order, step, wording) runs under Node's test runner too.

/** The day an event is placed on: its first-public day, else its date. */
export const eventDay = (e) => e.firstPublic ?? e.date;

/** Dated events in the order they became public (then by id), the order the stepper walks. */
export function eventOrder(events) {
  return events.filter((e) => e.date).sort((a, b) => eventDay(a).localeCompare(eventDay(b)) || a.id.localeCompare(b.id, "en", { numeric: true }));
}

/**
 * The event a step lands on: from the current event the next or previous one in order; with none yet, the first
 * event on or after the day in view (stepping forward) or the last one before it (stepping back). Null past either end.
 */
export function stepEvent(ordered, { currentId = null, day = null } = {}, direction = 1) {
  const at = ordered.findIndex((e) => e.id === currentId);
  if (at >= 0) return ordered[at + direction] ?? null;
  if (!day) return (direction > 0 ? ordered[0] : ordered.at(-1)) ?? null;
  return direction > 0 ? ordered.find((e) => eventDay(e) >= day) ?? null : ordered.findLast((e) => eventDay(e) < day) ?? null;
}

const percent = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)}%`;
const pText = (p) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

/**
 * What a step says: "E25 of 30: title, public 2020-02-13." then, per vendor, its day 0 on its listing and, when the
 * study is on, "CAR[−5,+5] +3.20%, p = 0.013" as the server answered; a study the data cannot give says why.
 */
export function describeStep(event, position, total, studies = []) {
  const head = `${event.id}, event ${position} of ${total}: ${event.title}. Public ${eventDay(event)}.`;
  const parts = studies.map(({ symbol, study, refusal }) => {
    if (!study) return `${symbol}: ${refusal ?? "no study"}.`;
    return `${symbol}: day 0 ${study.day0}, CAR[−${study.pre},+${study.post}] ${percent(study.car)}, ${pText(study.pValue)}.`;
  });
  return [head, ...parts].join(" ");
}

/** Why an event has no study, in the server's words: "no study for this event: …". */
export const noStudy = (reason) => `no study for this event: ${reason.replace(/\.$/, "")}`;

/**
 * A summary row (GET /api/event-study/summary?eventId=) as the stepper says it: its day 0, CAR[−5,+5] and p, or the
 * reason the prices give no study. The summary answers both as a success, so asking never shows as a failure.
 */
export function rowOutcome(row) {
  if (!row.car5) {
    const reason = row.missing ?? "the study could not be run";
    return { symbol: row.symbol, study: null, reason, refusal: noStudy(reason) };
  }
  return { symbol: row.symbol, study: { day0: row.day0, pre: -row.car5.from, post: row.car5.to, car: row.car5.car, pValue: row.car5.pValue } };
}

/** Each symbol's study of an event as the server's summary answers it, or the reason it gives for having none. */
export async function studiesOf(eventId, symbols, eventSet = "") {
  const query = new URLSearchParams({ eventId, symbols: symbols.join(",") });
  if (eventSet) query.set("eventSet", eventSet);
  const response = await fetch(`/api/event-study/summary?${query}`).catch(() => null);
  if (response?.ok) return (await response.json()).map(rowOutcome);
  const problem = response ? await response.json().catch(() => null) : null;
  return symbols.map((symbol) => ({ symbol, study: null, refusal: problem?.detail ?? "the study could not be read" }));
}

/** Steps through the events (hooks as chart-access.js gives them) and says each step in a polite live region. */
export class EventStepper {
  #currentId = null;
  #token = 0;

  constructor(region, hooks) {
    this.region = region;
    this.hooks = hooks;
  }

  async step(direction) {
    const ordered = eventOrder(this.hooks.events());
    const next = stepEvent(ordered, { currentId: this.#currentId ?? this.hooks.alignedEventId(), day: this.hooks.crosshairDay() }, direction);
    const token = ++this.#token;
    if (!next) {
      this.region.textContent = direction > 0 ? "No later event." : "No earlier event.";
      return;
    }
    this.#currentId = next.id;
    this.hooks.showEvent(next);
    const studies = await studiesOf(next.id, this.hooks.vendors(), document.querySelector("#event-set")?.value ?? "");
    if (token === this.#token) this.region.textContent = describeStep(next, ordered.indexOf(next) + 1, ordered.length, studies);
  }
}
