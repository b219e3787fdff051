// What an answer of the API means for a submission: pure functions of the answer, no words for people (words.mjs
// has those) and no storage.
//
// An answer is {status, body, retryAfter, timedOut}: status 0 when there was none (the request failed, or was
// abandoned after the queue's timeout: timedOut), body the parsed JSON or null, retryAfter the Retry-After header.

/** A submission's states. queued -> sending -> saved | refused | failed, and sending -> queued on a transient answer. */
export const STATES = Object.freeze({
    QUEUED: "queued", SENDING: "sending", SAVED: "saved", REFUSED: "refused", FAILED: "failed"
});

/** Why a submission is queued again after an attempt: each is retried with the same Idempotency-Key. */
export const REASONS = Object.freeze({
    /** No answer: the network or the server is down (fetch failed). */
    UNREACHABLE: "unreachable",
    /** No answer within the queue's timeout. */
    TIMEOUT: "timeout",
    /** 429: the API's throttle (API Gateway's {"message":"Too Many Requests"}). */
    THROTTLED: "throttled",
    /**
     * 408, 502, 503, 504, and a 5xx without a Reference of ours: API Gateway's own 500 {"message":"Internal server
     * error"}, which it answers when it cannot invoke the function (a SnapStart version made Inactive after 14 days
     * unused, for one), before the function ran: nothing was written, and the key makes a retry safe either way.
     */
    UNAVAILABLE: "unavailable",
    /** 409: an earlier attempt with this key is still in progress on the server. */
    IN_FLIGHT: "in-flight",
    /** A 2xx without an id: it may be saved; asking again with the same key tells its id. */
    UNREADABLE: "unreadable"
});

/** What the server last said of a saved entry when asked (GET): absent until it was asked or told. */
export const SERVER = Object.freeze({ PRESENT: "present", GONE: "gone", UNKNOWN: "unknown" });

const UNAVAILABLE_STATUSES = new Set([408, 502, 503, 504]);

const text = (value) => (typeof value === "string" && value !== "" ? value : null);
const object = (body) => (body && typeof body === "object" ? body : {});

/** Retry-After in milliseconds (seconds, or an HTTP date), or 0 when absent or unreadable. */
export function retryAfterMs(header, now) {
    if (!header) {
        return 0;
    }
    const seconds = Number(header);
    if (Number.isFinite(seconds)) {
        return Math.max(0, seconds * 1000);
    }
    const date = Date.parse(header);
    return Number.isFinite(date) ? Math.max(0, date - now) : 0;
}

/**
 * What the answer to POST /pwausers means: {state, status, ...}. saved: id, message (the server's). refused (a 4xx:
 * correct it, never retried as it is): message, field. failed (our own 5xx, with its Reference: the user decides):
 * message, reference. queued (transient, retried automatically): reason (REASONS), reference when the answer had
 * one, retryAfterMs.
 */
export function postOutcome(answer, now) {
    const status = answer.status;
    const b = object(answer.body);
    const reference = text(b.Reference);
    if (status === 0) {
        return { state: STATES.QUEUED, status, reason: answer.timedOut ? REASONS.TIMEOUT : REASONS.UNREACHABLE,
            reference: null, retryAfterMs: 0 };
    }
    if (status >= 200 && status < 300) {
        return text(b.PwaUserId)
            ? { state: STATES.SAVED, status, id: b.PwaUserId, message: text(b.Message) }
            : { state: STATES.QUEUED, status, reason: REASONS.UNREADABLE, reference: null, retryAfterMs: 0 };
    }
    const retryAfter = retryAfterMs(answer.retryAfter, now);
    if (status === 409) {
        return { state: STATES.QUEUED, status, reason: REASONS.IN_FLIGHT, reference: null, retryAfterMs: retryAfter };
    }
    if (status === 429) {
        return { state: STATES.QUEUED, status, reason: REASONS.THROTTLED, reference: null, retryAfterMs: retryAfter };
    }
    if (UNAVAILABLE_STATUSES.has(status) || (status >= 500 && !reference)) {
        return { state: STATES.QUEUED, status, reason: REASONS.UNAVAILABLE, reference, retryAfterMs: retryAfter };
    }
    if (status >= 400 && status < 500) {
        return { state: STATES.REFUSED, status, message: text(b.Message) || text(b.message),
            field: b.Field === "fname" || b.Field === "lname" ? b.Field : null };
    }
    return { state: STATES.FAILED, status, message: text(b.Error), reference };
}

/** Whether an outcome is the end of a submission's road (nothing more is sent for it unless the user asks). */
export function isFinished(state) {
    return state === STATES.SAVED || state === STATES.REFUSED || state === STATES.FAILED;
}

/** What GET /pwausers/{id} says of an entry: present (200), gone (404), or unknown (it could not tell). */
export function serverState(status) {
    return status === 200 ? SERVER.PRESENT : status === 404 ? SERVER.GONE : SERVER.UNKNOWN;
}

/**
 * Why a GET or DELETE of an entry did not do what was asked: {status, timedOut, message, reference}, the server's
 * own words when it gave some (the entry routes answer as POST does: {"Message"} for 4xx, {"Error", "Reference"}).
 */
export function entryProblem(answer) {
    const b = object(answer.body);
    return { status: answer.status, timedOut: !!answer.timedOut, message: text(b.Error) || text(b.Message),
        reference: text(b.Reference) };
}
