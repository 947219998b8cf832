// The live annotation state: changes apply once and in seq order, a gap is filled from the change feed, and a feed
// that fails is reported and tried again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LiveAnnotations } from "../../wwwroot/js/live-annotations.js";
import { FeedError } from "../../wwwroot/js/feed.js";

const note = (id, seq, text = `note ${id}`, date = "2020-03-16") => ({ id, seq, date, endDate: null, symbol: null, text });
const json = (body, status = 200, headers = {}) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/** A fetch that answers from a list of handlers in turn and records what was asked. */
function scripted(...answers) {
  const asked = [];
  const fetch = async (url) => {
    asked.push(String(url));
    const next = answers.shift();
    if (!next) throw new Error(`Nothing scripted for ${url}`);
    return next(url);
  };
  return { fetch, asked };
}

function notices() {
  const reports = [];
  return { reports, report: (feed, text) => reports.push([feed, text]) };
}

test("added, updated and deleted apply in seq order and each is announced once", () => {
  const live = new LiveAnnotations({ fetch: async () => assert.fail("no fetch expected") });
  const changes = [];
  live.onChange((change) => changes.push(change));

  live.apply("added", note(1, 1));
  live.apply("added", note(2, 2, "second", "2020-01-02"));
  live.apply("updated", note(1, 3, "first, edited"));
  live.apply("deleted", { id: 2, seq: 4 });

  assert.equal(live.lastSeq, 4);
  assert.deepEqual(live.all.map((a) => [a.id, a.text]), [[1, "first, edited"]]);
  assert.deepEqual(changes, [{ kind: "added", id: 1 }, { kind: "added", id: 2 }, { kind: "updated", id: 1 }, { kind: "deleted", id: 2 }]);
});

test("a repeated or stale push changes nothing", () => {
  const live = new LiveAnnotations({ fetch: async () => assert.fail("no fetch expected") });
  let announced = 0;
  live.onChange(() => announced++);
  live.apply("added", note(1, 1, "kept"));
  live.apply("added", note(1, 1, "kept"));
  live.apply("updated", note(1, 1, "an older edit with the same seq"));
  live.apply("deleted", { id: 1, seq: 0 });

  assert.equal(announced, 1);
  assert.equal(live.lastSeq, 1);
  assert.equal(live.get(1).text, "kept");
});

test("a push that skips a seq catches up from the change feed, the push included, in order", async () => {
  const { fetch, asked } = scripted(() => json([
    { seq: 2, kind: "added", annotation: note(2, 2, "missed") },
    { seq: 3, kind: "updated", annotation: note(1, 3, "edited while away") },
    { seq: 4, kind: "added", annotation: note(3, 4, "the push") },
  ]), () => json([]));
  const live = new LiveAnnotations({ fetch });
  live.apply("added", note(1, 1));

  live.apply("added", note(3, 4, "the push"));
  assert.equal(live.lastSeq, 1, "the gapped push is not applied on its own");
  await live.catchUp();

  // The push's own catch-up, then the one asked for here folded into a second round that finds nothing new.
  assert.deepEqual(asked, ["/api/annotations/changes?afterSeq=1", "/api/annotations/changes?afterSeq=4"]);
  assert.equal(live.lastSeq, 4);
  assert.deepEqual(live.all.map((a) => a.text).sort(), ["edited while away", "missed", "the push"]);
});

test("catch-up calls while one is under way fold into one more round from the seq reached", async () => {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const { fetch, asked } = scripted(
    async () => { await gate; return json([{ seq: 1, kind: "added", annotation: note(1, 1) }]); },
    () => json([{ seq: 2, kind: "added", annotation: note(2, 2) }]),
  );
  const live = new LiveAnnotations({ fetch });
  const first = live.catchUp();
  live.catchUp();
  live.catchUp();
  release();
  await first;

  assert.deepEqual(asked, ["/api/annotations/changes?afterSeq=0", "/api/annotations/changes?afterSeq=1"]);
  assert.equal(live.lastSeq, 2);
});

test("load takes the list and its seq; a failing feed throws a FeedError with the status and Retry-After", async () => {
  const { fetch } = scripted(
    () => json([note(5, 9, "from the list")], 200, { "X-Annotations-Seq": "12" }),
    () => json({ title: "Too many requests", status: 429 }, 429, { "Retry-After": "7" }),
  );
  const live = new LiveAnnotations({ fetch });
  await live.load();
  assert.equal(live.lastSeq, 12);
  assert.equal(live.get(5).text, "from the list");

  const error = await live.load().then(() => null, (e) => e);
  assert.ok(error instanceof FeedError);
  assert.equal(error.status, 429);
  assert.equal(error.retryAfterSeconds, 7);
  assert.match(error.notice, /7 s/);
  assert.equal(live.lastSeq, 12, "a failed load keeps what was there");
});

test("a failing change feed is reported, tried again, and the report cleared once it answers", async () => {
  const { fetch, asked } = scripted(
    () => json({ title: "Server error", status: 500 }, 500),
    () => json([{ seq: 1, kind: "added", annotation: note(1, 1) }]),
  );
  const said = notices();
  const live = new LiveAnnotations({ fetch, notices: said });
  await live.catchUp();
  assert.equal(said.reports.length, 1);
  assert.equal(said.reports[0][0], "changes");
  assert.match(said.reports[0][1], /500/);

  // The retry comes after the first back-off (1 s).
  await new Promise((resolve) => setTimeout(resolve, 1300));
  assert.equal(asked.length, 2);
  assert.equal(live.lastSeq, 1);
  assert.deepEqual(said.reports.at(-1), ["changes", null]);
});
