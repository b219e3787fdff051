// What each answer of POST /pwausers means (outcomes.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { postOutcome, REASONS, retryAfterMs, SERVER, serverState, STATES } from "../outcomes.mjs";

const NOW = Date.UTC(2026, 0, 1);
const answer = (status, body, retryAfter = null) => ({ status, body, retryAfter, timedOut: false });
const pick = (outcome) => [outcome.state, outcome.reason || null];

test("the answers, each as the queue keeps it", () => {
    const cases = [
        [answer(201, { PwaUserId: "6C-LRYNh42Hj3pdh4Ob5OA", Message: "Successfully added user!" }), STATES.SAVED, null],
        [answer(200, { Message: "no id" }), STATES.QUEUED, REASONS.UNREADABLE],
        [answer(201, null), STATES.QUEUED, REASONS.UNREADABLE],
        [{ status: 0, body: null, retryAfter: null, timedOut: false }, STATES.QUEUED, REASONS.UNREACHABLE],
        [{ status: 0, body: null, retryAfter: null, timedOut: true }, STATES.QUEUED, REASONS.TIMEOUT],
        [answer(409, { Message: "in progress" }, "1"), STATES.QUEUED, REASONS.IN_FLIGHT],
        [answer(429, { message: "Too Many Requests" }), STATES.QUEUED, REASONS.THROTTLED],
        [answer(408, null), STATES.QUEUED, REASONS.UNAVAILABLE],
        [answer(502, { message: "Internal server error" }), STATES.QUEUED, REASONS.UNAVAILABLE],
        [answer(503, { Error: "busy", Reference: "r" }, "1"), STATES.QUEUED, REASONS.UNAVAILABLE],
        [answer(504, { message: "Endpoint request timed out" }), STATES.QUEUED, REASONS.UNAVAILABLE],
        [answer(500, { message: "Internal server error" }), STATES.QUEUED, REASONS.UNAVAILABLE],
        [answer(500, null), STATES.QUEUED, REASONS.UNAVAILABLE],
        [answer(500, { Error: "The entry could not be saved", Reference: "abc" }), STATES.FAILED, null],
        [answer(400, { Message: "fname must not be blank", Field: "fname" }), STATES.REFUSED, null],
        [answer(413, { Message: "too large" }), STATES.REFUSED, null],
        [answer(422, { Message: "This Idempotency-Key was already used" }), STATES.REFUSED, null]
    ];
    for (const [given, state, reason] of cases) {
        assert.deepEqual(pick(postOutcome(given, NOW)), [state, reason], JSON.stringify(given));
    }
});

test("a 201 keeps the id and the server's words; our 500 its Reference; a 4xx the field at fault", () => {
    assert.deepEqual(postOutcome(answer(201, { PwaUserId: "id", Message: "Successfully added user!" }), NOW),
        { state: STATES.SAVED, status: 201, id: "id", message: "Successfully added user!" });
    assert.equal(postOutcome(answer(500, { Error: "x", Reference: "ref" }), NOW).reference, "ref");
    assert.equal(postOutcome(answer(400, { Message: "m", Field: "lname" }), NOW).field, "lname");
    assert.equal(postOutcome(answer(400, { Message: "m", Field: "<b>" }), NOW).field, null);
});

test("Retry-After in seconds or as a date; nothing when absent or unreadable", () => {
    assert.equal(postOutcome(answer(429, null, "7"), NOW).retryAfterMs, 7000);
    assert.equal(retryAfterMs(new Date(NOW + 30_000).toUTCString(), NOW), 30_000);
    assert.equal(retryAfterMs(null, NOW), 0);
    assert.equal(retryAfterMs("soon", NOW), 0);
});

test("GET of a saved entry: 200 present, 404 gone, anything else unknown", () => {
    assert.equal(serverState(200), SERVER.PRESENT);
    assert.equal(serverState(404), SERVER.GONE);
    assert.equal(serverState(0), SERVER.UNKNOWN);
    assert.equal(serverState(503), SERVER.UNKNOWN);
});
