// What the page says of each state (words.mjs): one sentence per state, none contradicting another.
import { test } from "node:test";
import assert from "node:assert/strict";
import { REASONS, SERVER, STATES } from "../outcomes.mjs";
import { announcement, detail as detailAt, named, showsReference, stateLabel as stateLabelAt, submitted } from "../words.mjs";

const NOW = Date.UTC(2026, 0, 1);
const detail = (record, online) => detailAt(record, online, NOW);
const stateLabel = (record) => stateLabelAt(record, NOW);

const base = { key: "k", fname: "Minnie", lname: "Mouse", attempts: 1 };
const queued = (extra) => ({ ...base, state: STATES.QUEUED, ...extra });
const notBackground = () => false;

test("a retried 503 says the server is unavailable and that it will be sent: never 'please retry'", () => {
    const record = queued({ reason: REASONS.UNAVAILABLE, status: 503, reference: "ref-1", attempts: 3,
        message: "The service is busy or unreachable; please retry shortly" });
    assert.equal(detail(record, true), "The server is unavailable just now (HTTP 503). It will be sent again automatically.");
    assert.equal(showsReference(record), true);
    const sending = { ...record, state: STATES.SENDING, attempts: 4, leaseUntil: NOW + 6000 };
    assert.equal(detail(sending, true), "Sending again now (attempt 4).");
    assert.equal(showsReference(sending), false, "the last attempt's reference is not the current one's");
    assert.equal(stateLabel(sending), "Sending…");
});

test("a timeout is told as a timeout, not as an unreachable server; 429 with the server's wait", () => {
    assert.match(detail(queued({ reason: REASONS.TIMEOUT }), true), /^The server did not answer within 15 seconds\./);
    assert.match(detail(queued({ reason: REASONS.UNREACHABLE }), true), /^Could not reach the server\./);
    assert.equal(detail(queued({ reason: REASONS.THROTTLED, status: 429, retryAfterMs: 7000 }), true),
        "The server is receiving too many requests just now. It will be sent again in about 7 seconds, as the server asked.");
    assert.equal(detail(queued({ reason: REASONS.UNAVAILABLE, status: 500 }), true),
        "The server had a temporary problem (HTTP 500). It will be sent again automatically.");
});

test("offline, a queued entry waits for the connection; online and never tried, it goes in a moment", () => {
    assert.equal(detail(queued({ attempts: 0 }), false), "Kept on this device. It will be sent when you are back online.");
    assert.equal(detail(queued({ attempts: 0 }), true), "Kept on this device. It will be sent in a moment.");
    assert.equal(submitted(base, false).kind, "queued");
    assert.match(submitted(base, true).text, /is kept on this device and being sent\.$/);
});

test("a saved entry the server could not be asked about says both, without the server's greeting", () => {
    const record = { ...base, state: STATES.SAVED, id: "id", message: "Successfully added user!",
        server: SERVER.UNKNOWN, serverProblem: { status: 503, message: "Service Unavailable" } };
    assert.equal(detail(record, true),
        "Saved on the server. Whether it is still there could not be checked just now: Service Unavailable.");
    assert.equal(stateLabel(record), "Saved");
    assert.equal(stateLabel({ ...record, server: SERVER.GONE }), "No longer on the server");
});

test("refusals speak of the field by its label; failures give their reference", () => {
    const refused = { ...base, state: STATES.REFUSED, status: 400, field: "fname", message: "fname must not be blank" };
    assert.equal(detail(refused, true), "The server refused it: First name must not be blank. Edit it to correct it.");
    const failed = { ...base, state: STATES.FAILED, status: 500, message: "The entry could not be saved", reference: "R" };
    assert.equal(announcement([failed], true, notBackground).text,
        "Not saved: the server could not save " + named(base) + ". The entry could not be saved. Reference: R.");
});

test("one announcement for several outcomes, of the most serious kind; what the worker sent says so", () => {
    const saved = { ...base, state: STATES.SAVED, id: "id1", message: "Successfully added user!" };
    const other = { ...saved, key: "k2", fname: "Donald", lname: "Duck", id: "id2" };
    const said = announcement([saved, other], true, (r) => r.key === "k2");
    assert.equal(said.kind, "success");
    assert.equal(said.text, "Successfully added user! " + named(saved) + " has id id1. Sent in the background: "
        + "Successfully added user! " + named(other) + " has id id2.");
    assert.equal(announcement([saved, queued({})], true, notBackground).kind, "queued");
    assert.equal(announcement([saved, { ...base, state: STATES.REFUSED, status: 400 }], true, notBackground).kind, "error");
});

test("names are isolated in sentences, so that a right-to-left name cannot reorder them", () => {
    assert.equal(named({ fname: "\u05d3\u05d5\u05d3", lname: "Mouse" }), "\u2068\u05d3\u05d5\u05d3\u2069 \u2068Mouse\u2069");
});

test("an attempt whose sender went away is not shown as running", () => {
    const left = { ...base, state: STATES.SENDING, attempts: 1, leaseUntil: NOW - 1 };
    assert.equal(stateLabel(left), "Not sent yet");
    assert.equal(detail(left, false), "An attempt to send it was cut short. It will be sent when you are back online.");
});
