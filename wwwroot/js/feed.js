// What the page reads from the server (annotations, their changes, the picture and its layout, the annotation overlay,
// the study): when one fails, the page says so and tries again later, waiting longer each time.

/** A feed's answer that was not a success: its status and, for 429 and 503, how long the server asked us to wait. */
export class FeedError extends Error {
  constructor(feed, status, detail, retryAfterSeconds = null, said = null) {
    super(`${feed}: ${detail}`);
    /** The server's own words (its problem details), if it gave any. */
    this.said = said;
    this.feed = feed;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** What the page shows while it waits to try again. */
  get notice() {
    const wait = this.retryAfterSeconds !== null ? ` Trying again in ${this.retryAfterSeconds} s.` : " Trying again shortly.";
    return `${this.message}${wait}`;
  }
}

/** The answer if it is a success, else a FeedError saying the status and the problem's own words. */
export async function fetchOk(url, feed, fetcher = fetch) {
  let response;
  try {
    response = await fetcher(url);
  } catch {
    throw new FeedError(feed, 0, "the server could not be reached.");
  }
  if (response.ok) return response;
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  let detail = `the server answered ${response.status}.`;
  let said = null;
  if (response.status === 429) detail = "too many chart requests from this address (429).";
  else if (response.status === 503) detail = "the server is busy drawing other charts (503).";
  try {
    const problem = await response.json();
    said = problem.errors?.map((e) => e.message).join(" ") || problem.detail || problem.title || null;
    if (said) detail = `${detail} ${said}`;
  } catch {
    // No problem details: the status says enough.
  }
  throw new FeedError(feed, response.status, detail, Number.isFinite(retryAfter) ? retryAfter : null, said);
}

/** Milliseconds before try number `attempt` (0-based): 1 s, 2 s, 4 s … at most 30 s, or what Retry-After asked. */
export function retryDelay(attempt, error = null) {
  if (error?.retryAfterSeconds != null) return error.retryAfterSeconds * 1000;
  return Math.min(30000, 1000 * 2 ** attempt);
}

/** The page's list of failing feeds, one line each, cleared as each recovers. */
export class FeedNotices {
  #notices = new Map();

  constructor(element) {
    this.element = element;
  }

  report(feed, text) {
    if (text) this.#notices.set(feed, text);
    else this.#notices.delete(feed);
    if (!this.element) return;
    this.element.textContent = [...this.#notices.values()].join(" ");
    this.element.hidden = this.#notices.size === 0;
  }

  has(feed) { return this.#notices.has(feed); }
}

/**
 * Runs `task` until it succeeds, reporting each failure under `feed` and clearing the report on success.
 * Returns the task's result.
 */
export async function untilItWorks(task, feed, notices, wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))) {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await task();
      notices.report(feed, null);
      return result;
    } catch (error) {
      notices.report(feed, error instanceof FeedError ? error.notice : `${feed}: ${error.message} Trying again shortly.`);
      await wait(retryDelay(attempt, error));
    }
  }
}

/**
 * A chart's picture and layout for a query, the picture decoded off-screen: nothing changes on screen until both have
 * arrived. A refusal or failure throws a FeedError (the layout's status says why: it shares the picture's render).
 */
export async function loadChart(query) {
  const src = `/api/chart.png?${query}`;
  const picture = new Image();
  picture.src = src;
  const [response, decoded] = await Promise.all([fetchOk(`/api/chart/layout?${query}`, "Chart"), picture.decode().then(() => true, () => false)]);
  const layout = await response.json();
  if (!decoded) throw new FeedError("Chart", 0, "the picture could not be loaded.");
  return { src, layout };
}
