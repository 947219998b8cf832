// The annotations every viewer shares: loaded once, kept exact by the hub's pushes, and caught up
// from the change feed after any gap in the connection, so a viewer misses nothing. A feed that fails is reported
// to the page's notices and tried again. (No DOM here: the apply logic runs under Node's test runner too.)
import { fetchOk, retryDelay, untilItWorks } from "./feed.js";

export class LiveAnnotations {
  #byId = new Map();
  #lastSeq = 0;
  #listeners = new Set();
  #status = () => {};
  #fetch;
  #notices;
  #catchUpFailures = 0;
  #connection = null;
  #watched = null;
  #marks = () => {};

  /** `fetch` and `notices` ({report(feed, text)}) are the page's own unless given (as tests do). */
  constructor({ fetch: fetcher = (...args) => fetch(...args), notices = { report() {} } } = {}) {
    this.#fetch = fetcher;
    this.#notices = notices;
  }

  get all() {
    return [...this.#byId.values()].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  }

  get lastSeq() { return this.#lastSeq; }

  get(id) { return this.#byId.get(Number(id)); }

  onChange(listener) { this.#listeners.add(listener); }

  onStatus(listener) { this.#status = listener; }

  /** Marks the hub pushes for the watched chart view after each change ({query, marks}). */
  onMarks(listener) { this.#marks = listener; }

  /** Tells the hub which chart view the page shows (its query), now and after every reconnect. */
  watch(query) {
    this.#watched = query;
    this.#sendWatch();
  }

  #sendWatch() {
    // A watch that fails costs nothing but the push: the page then asks for its marks over HTTP.
    if (this.#watched !== null && this.#connection?.state === "Connected") this.#connection.invoke("WatchChart", this.#watched).catch(() => {});
  }

  /** Loads every annotation (retrying until the feed answers), then follows the hub. */
  async start() {
    await untilItWorks(() => this.load(), "annotations", this.#notices);
    this.#connect();
  }

  /** Every annotation and the seq they are at; throws a FeedError if the feed fails. */
  async load() {
    const response = await fetchOk("/api/annotations", "Annotations", this.#fetch);
    const seq = Number(response.headers.get("X-Annotations-Seq") ?? 0);
    const list = await response.json();
    this.#byId.clear();
    for (const a of list) this.#byId.set(a.id, a);
    this.#lastSeq = seq;
    this.#emit(null);
  }

  /** Applies a change once, in seq order; repeats and stale pushes are ignored. */
  apply(kind, annotation) {
    if (annotation.seq <= this.#lastSeq) return;
    // A change that skips a seq means something was missed (a push not yet arrived, or lost while the hub was away):
    // fetch the gap, this change included, rather than step over it for good.
    if (annotation.seq > this.#lastSeq + 1) {
      this.catchUp();
      return;
    }
    if (kind === "deleted") this.#byId.delete(annotation.id);
    else this.#byId.set(annotation.id, annotation);
    this.#lastSeq = annotation.seq;
    this.#emit({ kind, id: annotation.id });
  }

  #catchingUp = null;
  #catchUpAgain = false;

  /** Fetches every change after the last one applied; calls while one is under way fold into one more round. */
  async catchUp() {
    if (this.#catchingUp) {
      this.#catchUpAgain = true;
      return this.#catchingUp;
    }
    this.#catchingUp = (async () => {
      do {
        this.#catchUpAgain = false;
        try {
          const response = await fetchOk(`/api/annotations/changes?afterSeq=${this.#lastSeq}`, "Annotation changes", this.#fetch);
          for (const change of await response.json()) this.apply(change.kind, { ...change.annotation, seq: change.seq });
          this.#catchUpFailures = 0;
          this.#notices.report("changes", null);
        } catch (error) {
          // Said on the page and tried again later (a reconnect also catches up from the same seq).
          this.#notices.report("changes", error.notice ?? `Annotation changes: ${error.message}`);
          setTimeout(() => this.catchUp(), retryDelay(this.#catchUpFailures++, error));
          return;
        }
      } while (this.#catchUpAgain);
    })();
    try {
      await this.#catchingUp;
    } finally {
      this.#catchingUp = null;
    }
  }

  #emit(change) {
    for (const listener of this.#listeners) listener(change);
  }

  #connect() {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/annotations")
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * 2 ** ctx.previousRetryCount, 10000) })
      .build();
    const arrived = (kind) => (message) => this.apply(kind, message);
    connection.on("annotationAdded", arrived("added"));
    connection.on("annotationUpdated", arrived("updated"));
    connection.on("annotationDeleted", arrived("deleted"));
    connection.on("annotationMarks", (marks) => this.#marks(marks));
    this.#connection = connection;
    connection.onreconnecting(() => this.#status("reconnecting"));
    connection.onreconnected(async () => {
      this.#sendWatch();
      await this.catchUp();
      this.#status("connected");
    });
    connection.onclose(() => {
      this.#status("disconnected");
      setTimeout(() => startWithRetry(), 2000);
    });
    const startWithRetry = async () => {
      try {
        await connection.start();
        this.#sendWatch();
        await this.catchUp();
        this.#status("connected");
      } catch {
        this.#status("disconnected");
        setTimeout(startWithRetry, 3000);
      }
    };
    startWithRetry();
  }
}
