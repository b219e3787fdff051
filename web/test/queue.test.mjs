// The queue (queue.mjs) on an in-memory store, a fake API and a fake clock: a "tab" is a queue with its own timers
// over the shared store, as the page, other tabs and the service worker share IndexedDB.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createQueue, LEASE_MS, REQUEST_TIMEOUT_MS, FINISHED_KEPT_DAYS } from "../queue.mjs";
import { REASONS, SERVER, STATES } from "../outcomes.mjs";
import { memoryStore } from "../storage.mjs";
import { fakeApi, fakeBus, fakeClock, settle } from "./fakes.mjs";

/** One shared store, API and clock; tab(name) opens a queue on them as another context would. */
function world() {
    const clock = fakeClock();
    const api = fakeApi();
    const store = memoryStore();
    const bus = fakeBus();
    let keys = 0;
    let online = true;
    const tabs = [];
    const tab = async (context, extra = {}) => {
        const timers = clock.timers();
        const channel = bus.channel();
        const queue = await createQueue({ store, fetch: api.fetch, now: clock.now, random: () => 0.5, timers,
            context, online: () => online, newKey: () => "key-" + ++keys, channel, ...extra });
        tabs.push(queue);
        const close = () => { queue.stop(); timers.close(); channel.close(); };
        return Object.assign(Object.create(queue), { close });
    };
    return { clock, api, store, tab, setOnline: (value) => { online = value; },
        record: (key) => store.get(key), done: () => tabs.forEach((q) => q.stop()) };
}

const mickey = { fname: "Mickey", lname: "Mouse" };

test("a submission is stored queued, then sent at once and saved with the server's id", async () => {
    const w = world();
    const page = await w.tab("a");
    const record = await page.enqueue(mickey);
    assert.equal(record.state, STATES.QUEUED);
    await w.clock.advance(0);

    const saved = await w.record(record.key);
    assert.equal(saved.state, STATES.SAVED);
    assert.equal(saved.id, w.api.posts().length === 1 ? [...w.api.entries.keys()][0] : null);
    assert.equal(saved.server, SERVER.PRESENT);
    assert.equal(saved.announced, false);
    assert.deepEqual(w.api.posts().map((p) => p.key), [record.key]);
    w.done();
});

test("offline, nothing is sent and the entry stays editable; back online, it is sent with the edited names", async () => {
    const w = world();
    w.setOnline(false);
    const page = await w.tab("a");
    const record = await page.enqueue({ fname: "Mickey", lname: "Mous" });
    await w.clock.advance(60_000);
    assert.equal(w.api.posts().length, 0);

    const edited = await page.edit(record.key, mickey);
    assert.equal(edited.key, record.key, "never sent: the same key");
    w.setOnline(true);
    await page.sendNow();
    await w.clock.advance(0);

    assert.equal((await w.record(record.key)).state, STATES.SAVED);
    assert.deepEqual([...w.api.entries.values()], [mickey]);
    w.done();
});

test("a cancelled submission is never sent; once an attempt left, it can be neither cancelled nor edited", async () => {
    const w = world();
    w.setOnline(false);
    const page = await w.tab("a");
    const cancelled = await page.enqueue(mickey);
    assert.equal(await page.cancel(cancelled.key), true);

    w.setOnline(true);
    w.api.next("unreachable");
    const tried = await page.enqueue({ fname: "Minnie", lname: "Mouse" });
    await w.clock.advance(0);
    assert.equal((await w.record(tried.key)).attempts, 1);
    assert.equal(await page.cancel(tried.key), false);
    assert.equal(await page.edit(tried.key, mickey), null);
    await w.clock.advance(2_000);

    assert.equal(await w.record(cancelled.key), undefined);
    assert.deepEqual(w.api.posts().map((p) => p.key), [tried.key, tried.key]);
    assert.deepEqual([...w.api.entries.values()], [{ fname: "Minnie", lname: "Mouse" }]);
    w.done();
});

test("no answer: queued again with backoff, told once, then saved once with the same key", async () => {
    const w = world();
    const page = await w.tab("a");
    w.api.down("unreachable");
    const record = await page.enqueue(mickey);
    await w.clock.advance(0);
    let r = await w.record(record.key);
    assert.equal(r.state, STATES.QUEUED);
    assert.equal(r.reason, REASONS.UNREACHABLE);
    assert.equal(r.announced, false, "the first trouble is told");
    assert.equal(await page.markAnnounced(r), true);

    await w.clock.advance(999); // backoff 1 s (the test's jitter is none)
    assert.equal(w.api.posts().length, 1);
    await w.clock.advance(1);
    r = await w.record(record.key);
    assert.equal(r.attempts, 2);
    assert.equal(r.announced, true, "retries after the first are not told again");
    assert.equal(r.nextAttemptAt - w.clock.now(), 2_000);

    w.api.up();
    await w.clock.advance(2_000);
    r = await w.record(record.key);
    assert.equal(r.state, STATES.SAVED);
    assert.equal(r.announced, false);
    assert.equal(w.api.entries.size, 1);
    assert.deepEqual(new Set(w.api.posts().map((p) => p.key)), new Set([record.key]));
    w.done();
});

test("a request without an answer is abandoned after the timeout and retried: 'timeout', not 'unreachable'", async () => {
    const w = world();
    const page = await w.tab("a");
    w.api.next("hang");
    const record = await page.enqueue(mickey);
    await w.clock.advance(REQUEST_TIMEOUT_MS - 1);
    assert.equal((await w.record(record.key)).state, STATES.SENDING);
    await w.clock.advance(1);
    const r = await w.record(record.key);
    assert.equal(r.state, STATES.QUEUED);
    assert.equal(r.reason, REASONS.TIMEOUT);
    await w.clock.advance(1_000);
    assert.equal((await w.record(record.key)).state, STATES.SAVED);
    w.done();
});

test("429 waits as long as Retry-After says; without it, the backoff", async () => {
    const w = world();
    const page = await w.tab("a");
    w.api.next(w.api.json(429, { message: "Too Many Requests" }, { "Retry-After": "7" }),
        w.api.json(429, { message: "Too Many Requests" }));
    const record = await page.enqueue(mickey);
    await w.clock.advance(0);
    let r = await w.record(record.key);
    assert.equal(r.reason, REASONS.THROTTLED);
    assert.equal(r.retryAfterMs, 7_000);
    await w.clock.advance(6_999);
    assert.equal(w.api.posts().length, 1);
    await w.clock.advance(1);
    r = await w.record(record.key);
    assert.equal(w.api.posts().length, 2);
    assert.equal(r.state, STATES.QUEUED);
    assert.equal(r.nextAttemptAt - w.clock.now(), 2_000, "attempt 2: 2 s of backoff");
    await w.clock.advance(2_000);
    assert.equal((await w.record(record.key)).state, STATES.SAVED);
    w.done();
});

test("API Gateway's own 500 (no Reference) is retried automatically; our 500 with a Reference waits for the user", async () => {
    const w = world();
    const page = await w.tab("a");
    w.api.next(w.api.json(500, { message: "Internal server error" }));
    const gateway = await page.enqueue(mickey);
    await w.clock.advance(1_000);
    assert.equal((await w.record(gateway.key)).state, STATES.SAVED);

    w.api.next(w.api.json(500, { Error: "The entry could not be saved", Reference: "ref-1" }));
    const ours = await page.enqueue({ fname: "Minnie", lname: "Mouse" });
    await w.clock.advance(60_000);
    let r = await w.record(ours.key);
    assert.equal(r.state, STATES.FAILED);
    assert.equal(r.reference, "ref-1");
    assert.equal(r.announced, false);
    assert.equal(await page.markAnnounced(r), true);
    assert.equal(w.api.posts().filter((p) => p.key === ours.key).length, 1);

    w.api.next(w.api.json(500, { Error: "The entry could not be saved", Reference: "ref-2" }));
    await page.retry(ours.key);
    await w.clock.advance(0);
    r = await w.record(ours.key);
    assert.equal(r.reference, "ref-2");
    assert.equal(r.announced, false, "a failure after Try again is told again");

    await page.retry(ours.key);
    await w.clock.advance(0);
    assert.equal((await w.record(ours.key)).state, STATES.SAVED);
    assert.equal(w.api.entries.size, 2);
    w.done();
});

test("a 4xx is refused, never retried; edited, it goes again under a new key", async () => {
    const w = world();
    const page = await w.tab("a");
    w.api.next(w.api.json(400, { Message: "lname must not be blank", Field: "lname" }));
    const record = await page.enqueue({ fname: "Mickey", lname: " " });
    await w.clock.advance(60_000);
    const refused = await w.record(record.key);
    assert.equal(refused.state, STATES.REFUSED);
    assert.equal(refused.field, "lname");
    assert.equal(w.api.posts().length, 1);

    const edited = await page.edit(record.key, mickey);
    await w.clock.advance(0);
    assert.notEqual(edited.key, record.key);
    assert.equal(await w.record(record.key), undefined);
    assert.equal((await w.record(edited.key)).state, STATES.SAVED);
    w.done();
});

test("a tab that closes while sending leaves a claim that another tab takes over when it runs out", async () => {
    const w = world();
    const a = await w.tab("a");
    const b = await w.tab("b");
    w.api.next("hang");
    const record = await a.enqueue(mickey);
    await w.clock.advance(1_000);
    const claimed = await w.record(record.key);
    assert.equal(claimed.state, STATES.SENDING);
    assert.equal(claimed.sender, "a");

    await w.clock.advance(10_000); // A renews its claim while its request runs: B leaves it alone
    assert.equal((await w.record(record.key)).sender, "a");
    assert.equal(w.api.posts().length, 1);

    a.close(); // the tab is closed: its request is gone with it, its claim is no longer renewed
    await w.clock.advance(LEASE_MS);
    const r = await w.record(record.key);
    assert.equal(r.state, STATES.SAVED);
    assert.equal(r.finishedBy, "b");
    assert.deepEqual(w.api.posts().map((p) => p.key), [record.key, record.key]);
    assert.equal(w.api.entries.size, 1);
    w.done();
});

test("a hung request in one tab does not hold another tab's submission, nor this tab's next one", async () => {
    const w = world();
    const a = await w.tab("a");
    const b = await w.tab("b");
    w.api.next("hang");
    const stuck = await a.enqueue(mickey);
    await w.clock.advance(0);
    const other = await b.enqueue({ fname: "Minnie", lname: "Mouse" });
    const next = await a.enqueue({ fname: "Donald", lname: "Duck" });
    await w.clock.advance(0);

    assert.equal((await w.record(stuck.key)).state, STATES.SENDING);
    assert.equal((await w.record(other.key)).state, STATES.SAVED);
    assert.equal((await w.record(next.key)).state, STATES.SAVED);
    w.api.release();
    await w.clock.advance(0);
    assert.equal((await w.record(stuck.key)).state, STATES.SAVED);
    assert.equal(w.api.entries.size, 3);
    w.done();
});

test("two contexts that find the same record due send it once", async () => {
    const w = world();
    w.setOnline(false);
    const a = await w.tab("a");
    const b = await w.tab("b");
    await a.enqueue(mickey);
    await a.enqueue({ fname: "Minnie", lname: "Mouse" });
    w.setOnline(true);
    await Promise.all([a.sendNow(), b.sendNow()]);
    await w.clock.advance(0);

    assert.equal(w.api.posts().length, 2);
    assert.equal(w.api.entries.size, 2);
    w.done();
});

test("a late answer from a claim that was taken over changes nothing", async () => {
    const w = world();
    const a = await w.tab("a");
    const b = await w.tab("b");
    w.api.next("hang");
    const record = await a.enqueue(mickey);
    await w.clock.advance(0);
    a.close(); // frozen rather than gone: its request is still out there
    w.api.next("hang");
    await w.clock.advance(LEASE_MS); // B takes over; its request hangs too
    assert.equal((await w.record(record.key)).sender, "b");

    w.api.release(w.api.json(503, { Error: "busy", Reference: "late" }), false); // A's late answer: not A's to keep
    await w.clock.advance(0);
    let r = await w.record(record.key);
    assert.equal(r.state, STATES.SENDING);
    assert.equal(r.sender, "b");

    w.api.release(); // B's: stored
    await w.clock.advance(0);
    r = await w.record(record.key);
    assert.equal(r.state, STATES.SAVED);
    assert.equal(r.finishedBy, "b");
    assert.equal(w.api.entries.size, 1);
    w.done();
});

test("every outcome is marked as told by one context only", async () => {
    const w = world();
    const a = await w.tab("a");
    const b = await w.tab("b");
    const record = await a.enqueue(mickey);
    await w.clock.advance(0);
    const saved = await w.record(record.key);
    const told = await Promise.all([a.markAnnounced(saved), b.markAnnounced(saved)]);
    assert.deepEqual(told.sort(), [false, true]);
    assert.equal((await w.record(record.key)).announced, true);
    w.done();
});

test("the service worker's drain sends everything and says what is left", async () => {
    const w = world();
    w.setOnline(false);
    const page = await w.tab("page");
    await page.enqueue(mickey);
    await page.enqueue({ fname: "Minnie", lname: "Mouse" });
    page.close();
    w.setOnline(true);
    const worker = await w.tab("service-worker");

    assert.equal(await worker.drain(w.clock.now() + 60_000), 0);
    assert.equal(w.api.entries.size, 2);
    const records = await worker.list();
    assert.deepEqual(records.map((r) => [r.state, r.finishedBy, r.announced]),
        [[STATES.SAVED, "service-worker", false], [STATES.SAVED, "service-worker", false]]);

    w.api.down("unreachable");
    await worker.enqueue({ fname: "Donald", lname: "Duck" });
    const draining = worker.drain(w.clock.now() + 5_000);
    await w.clock.advance(10_000);
    assert.equal(await draining, 1);
    w.done();
});

test("saved entries are checked one at a time, and once the server cannot be reached the rest without asking", async () => {
    const w = world();
    const page = await w.tab("a");
    const keys = [];
    for (const fname of ["A", "B", "C", "D"]) {
        keys.push((await page.enqueue({ fname, lname: "Mouse" })).key);
        await w.clock.advance(0);
    }
    w.api.entries.delete((await w.record(keys[3])).id); // deleted elsewhere
    const checking = page.checkSaved();
    await w.clock.advance(10_000);
    assert.equal(await checking, 4);
    assert.equal(w.api.maxInFlight(), 1);
    assert.equal((await w.record(keys[3])).server, SERVER.GONE);
    assert.equal((await w.record(keys[0])).server, SERVER.PRESENT);

    const gets = w.api.requests.filter((r) => r.method === "GET").length;
    const unreachable = world(); // the same entries, with an API that is down
    for (const record of await w.store.all()) {
        await unreachable.store.put(record);
    }
    const offline = await unreachable.tab("b", { fetch: async () => { throw new TypeError("Failed to fetch"); } });
    const second = offline.checkSaved();
    await unreachable.clock.advance(10_000);
    await second;
    const after = await unreachable.store.all();
    assert.deepEqual(after.map((r) => r.server).sort(), [SERVER.GONE, SERVER.UNKNOWN, SERVER.UNKNOWN, SERVER.UNKNOWN]);
    assert.equal(w.api.requests.filter((r) => r.method === "GET").length, gets);
    w.done();
    unreachable.done();
});

test("erase deletes on the server, then here; a 404 forgets it too; no answer keeps it", async () => {
    const w = world();
    const page = await w.tab("a");
    const record = await page.enqueue(mickey);
    await w.clock.advance(0);
    assert.equal((await page.erase(record.key)).outcome, "deleted");
    assert.equal(w.api.entries.size, 0);
    assert.equal(await w.record(record.key), undefined);

    const other = await page.enqueue(mickey);
    await w.clock.advance(0);
    const failing = await w.tab("b", { fetch: async () => { throw new TypeError("Failed to fetch"); } });
    const result = await failing.erase(other.key);
    assert.equal(result.outcome, "failed");
    assert.equal(result.problem.status, 0);
    assert.equal((await w.record(other.key)).state, STATES.SAVED);
    w.done();
});

test("finished entries are forgotten after the retention days; queued ones stay", async () => {
    const w = world();
    const page = await w.tab("a");
    await page.enqueue(mickey);
    await w.clock.advance(0);
    w.setOnline(false);
    await page.enqueue({ fname: "Minnie", lname: "Mouse" });
    await w.clock.advance(FINISHED_KEPT_DAYS * 24 * 3600 * 1000 - 60_000);
    assert.equal((await page.list()).length, 2);
    await w.clock.advance(120_000);
    assert.deepEqual((await page.list()).map((r) => r.fname), ["Minnie"]);
    w.done();
});

test("clearing finished entries keeps the unsaved ones unless told", async () => {
    const w = world();
    const page = await w.tab("a");
    await page.enqueue(mickey);
    w.api.next(w.api.json(500, { Error: "The entry could not be saved", Reference: "ref" }));
    await w.clock.advance(0);
    await page.enqueue({ fname: "Minnie", lname: "Mouse" });
    await w.clock.advance(0);
    assert.equal(await page.clearFinished(false), 1);
    assert.deepEqual((await page.list()).map((r) => r.state), [STATES.FAILED]);
    assert.equal(await page.clearFinished(true), 1);
    assert.equal((await page.list()).length, 0);
    await settle();
    w.done();
});

test("a 201 is kept whoever holds the claim by then: the key makes it the same entry", async () => {
    const w = world();
    const a = await w.tab("a");
    const b = await w.tab("b");
    w.api.next("hang");
    const record = await a.enqueue(mickey);
    await w.clock.advance(0);
    a.close(); // frozen: its request is still out there
    w.api.next("hang");
    await w.clock.advance(LEASE_MS);
    assert.equal((await w.record(record.key)).sender, "b");

    w.api.release(null, false); // A's request is answered first: 201
    await w.clock.advance(0);
    const r = await w.record(record.key);
    assert.equal(r.state, STATES.SAVED);
    assert.equal(r.finishedBy, "a");
    w.api.release(); // B's: the replay, same id; nothing changes
    await w.clock.advance(0);
    assert.equal((await w.record(record.key)).id, r.id);
    assert.equal(w.api.entries.size, 1);
    w.done();
});
