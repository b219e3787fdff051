// The submission queue, run alike by the page (app.mjs) and the service worker (sw.js), over one store
// (storage.mjs).
//
// A submission is written to the store before anything is sent, with an Idempotency-Key made once, when the user
// submits: every attempt sends that key, so the server answers a repeat with the first answer (or 409 while the
// first is in flight) and never stores it twice. Each record carries its own state:
//
//   queued   waiting; nextAttemptAt says from when (backoff, Retry-After)
//   sending  claimed by one context (sender: a tab or the service worker) until leaseUntil; the sender renews the
//            lease while its request runs, so a record whose sender went away (a closed tab) is taken over by any
//            other context within LEASE_MS, and sent again with the same key
//   saved    the server stored it (id); refused: a 4xx, to correct; failed: our own 5xx, with its Reference
//
// A context claims a record by changing it in one IndexedDB transaction, then sends it with no lock held: contexts
// never wait on each other's requests. announced is false while an outcome has not been told to the user yet; the
// page that tells it sets it (markAnnounced), so every outcome is announced once, even one reached in the service
// worker while no page was open.

import { isFinished, postOutcome, REASONS, SERVER, serverState, entryProblem, STATES } from "./outcomes.mjs";
import { DELETE } from "./storage.mjs";

const API_PATH = "/pwausers";
/** Tag of the Background Sync registration; sw.js drains the queue when it fires. */
export const SYNC_TAG = "pwa-users-submissions";
const CHANNEL_NAME = "pwa-users-submissions";
/** An attempt that takes longer than this is abandoned and retried later (same key). */
export const REQUEST_TIMEOUT_MS = 15000;
/** How long a claim to send holds unless its sender renews it (every HEARTBEAT_MS while its request runs). */
export const LEASE_MS = 6000;
const HEARTBEAT_MS = 2000;
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 30000;
/** A Retry-After beyond this is read as this: an entry never waits hours on one answer. */
const RETRY_AFTER_MAX_MS = 5 * 60 * 1000;
/** Requests one context has in flight at most: a hung one does not hold the others back. */
const MAX_IN_FLIGHT = 3;
/** Pause between two GETs that check saved entries: a list of 50 is asked one by one, not all at once. */
const CHECK_PAUSE_MS = 200;
/** Saved and failed entries kept on the device for the list; the oldest beyond this are dropped. */
const FINISHED_KEPT = 50;
/**
 * Days a finished entry (its names, its id) stays on the device after it finished: long enough to come back to an
 * entry sent in the background during the week; short enough that a shared or lost device does not keep a history
 * of the names typed into it. Queued entries stay until they are sent, however long that takes.
 */
export const FINISHED_KEPT_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Reasons after which this context waits for the record's backoff before sending anything else. */
const PAUSING = new Set([REASONS.UNREACHABLE, REASONS.TIMEOUT, REASONS.THROTTLED, REASONS.UNAVAILABLE]);

/** A random UUID (v4). crypto.randomUUID needs a secure context; getRandomValues works everywhere. */
export function newIdempotencyKey(crypto = globalThis.crypto) {
    if (typeof crypto.randomUUID === "function") {
        return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}

/** When to try again after the attempts so far: exponential backoff with ±20 % jitter, never before Retry-After. */
function retryAt(attempts, retryAfterMs, now, random) {
    const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1));
    return now + Math.max(Math.min(retryAfterMs || 0, RETRY_AFTER_MAX_MS), backoff * (0.8 + 0.4 * random()));
}

const byCreation = (a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1);
const hasId = (r) => !!r && r.state === STATES.SAVED && typeof r.id === "string" && r.id !== "";

/** Whether a queued entry can still be changed or cancelled: no request for it has left, so none can have landed. */
export function neverSent(record) {
    return record.state === STATES.QUEUED && !record.attempts;
}

/**
 * A queue over a store. options: store (storage.mjs), apiBase (""), fetch, now (the clock: backoff, leases, expiry),
 * random, online (false while the context knows it is offline: nothing is sent), timers ({setTimeout, clearTimeout,
 * setInterval, clearInterval}), context (who sends: "service-worker", or a tab's own id), channel (a
 * BroadcastChannel-like object that tells the other contexts of every change; null for none).
 */
export async function createQueue(options) {
    const {
        store, apiBase = "", fetch: fetchFn = globalThis.fetch.bind(globalThis), now = Date.now, random = Math.random,
        online = () => true, context = "tab-" + newIdempotencyKey(), newKey = newIdempotencyKey,
        timers = globalThis, channel = null
    } = options;
    const base = apiBase.replace(/\/+$/, "");
    const listeners = new Set();
    const inFlight = new Map();
    let pausedUntil = 0;
    let wakeTimer = null;
    let pumping = false;
    let pumpAgain = false;
    let checking = null;
    let stopped = false;

    if (channel) {
        channel.onmessage = (event) => {
            listeners.forEach((fn) => fn(event.data || {}));
            pump(); // another context's change may make something due, or change when this one should wake
        };
    }

    function changed(key) {
        const note = { type: "changed", key };
        listeners.forEach((fn) => fn(note));
        if (channel) {
            channel.postMessage(note);
        }
    }

    const sleep = (ms) => new Promise((resolve) => timers.setTimeout(resolve, ms));

    /** Whether a context may claim the record now: queued and due, or sending under a lease that ran out. */
    function claimable(r, t) {
        return (r.state === STATES.QUEUED && (r.nextAttemptAt || 0) <= t)
            || (r.state === STATES.SENDING && (r.leaseUntil || 0) <= t);
    }

    /**
     * One call to the API, abandoned after REQUEST_TIMEOUT_MS: {status, body, retryAfter, timedOut}, status 0 when
     * there was no answer, body null when it was not JSON (a 204, a proxy's error page, a cut connection).
     */
    async function call(path, init) {
        const controller = new AbortController();
        let timedOut = false;
        const timer = timers.setTimeout(() => { timedOut = true; controller.abort(); }, REQUEST_TIMEOUT_MS);
        try {
            let response;
            try {
                response = await fetchFn(base + path, { cache: "no-store", signal: controller.signal, ...init });
            } catch (e) {
                return { status: 0, body: null, retryAfter: null, timedOut };
            }
            let body;
            try {
                body = JSON.parse(await response.text());
            } catch (e) {
                body = null;
            }
            return { status: response.status, body, retryAfter: response.headers.get("Retry-After"), timedOut: false };
        } finally {
            timers.clearTimeout(timer);
        }
    }

    // ---- Sending ------------------------------------------------------------------------------------------------

    /** Sends what is due, oldest first, at most MAX_IN_FLIGHT at once; then sets the timer for what comes due next. */
    async function pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                await pumpOnce();
            } while (pumpAgain && !stopped);
        } finally {
            pumping = false;
        }
    }

    async function pumpOnce() {
        if (stopped) {
            return;
        }
        const records = await store.all();
        const t = now();
        if (online() && t >= pausedUntil) {
            for (const record of records.filter((r) => claimable(r, t) && !inFlight.has(r.key)).sort(byCreation)) {
                if (inFlight.size >= MAX_IN_FLIGHT) {
                    break; // the first to finish pumps again
                }
                const sending = sendOne(record.key).catch(() => undefined).finally(() => {
                    inFlight.delete(record.key);
                    pump();
                });
                inFlight.set(record.key, sending);
            }
        }
        wakeAt(nextDue(records));
    }

    /** The earliest time a record of these may be claimed by this context; Infinity when none will. */
    function nextDue(records) {
        let next = Infinity;
        for (const r of records) {
            if (r.state === STATES.QUEUED) {
                next = Math.min(next, Math.max(r.nextAttemptAt || 0, pausedUntil));
            } else if (r.state === STATES.SENDING && !inFlight.has(r.key)) {
                next = Math.min(next, r.leaseUntil || 0);
            }
        }
        return next;
    }

    function wakeAt(time) {
        timers.clearTimeout(wakeTimer);
        wakeTimer = null;
        if (!stopped && online() && Number.isFinite(time)) {
            wakeTimer = timers.setTimeout(() => { wakeTimer = null; pump(); }, Math.max(0, time - now()));
        }
    }

    /** Claims one record, sends it with its key (renewing the claim while the request runs) and keeps the outcome. */
    async function sendOne(key) {
        const claim = await store.modify(key, (r) => (claimable(r, now()) ? Object.assign(r, {
            state: STATES.SENDING, sender: context, leaseUntil: now() + LEASE_MS, attempts: (r.attempts || 0) + 1,
            updatedAt: now() }) : null));
        if (!claim) {
            return; // another context was first
        }
        changed(key);
        const ours = (r) => r.state === STATES.SENDING && r.sender === context && r.attempts === claim.attempts;
        const heartbeat = timers.setInterval(() => {
            store.modify(key, (r) => (ours(r) ? Object.assign(r, { leaseUntil: now() + LEASE_MS }) : null))
                .catch(() => undefined);
        }, HEARTBEAT_MS);
        let outcome;
        try {
            outcome = postOutcome(await call(API_PATH, {
                method: "POST",
                headers: { "Content-Type": "application/json", "Idempotency-Key": claim.key },
                body: JSON.stringify({ fname: claim.fname, lname: claim.lname })
            }), now());
        } finally {
            timers.clearInterval(heartbeat);
        }
        // Ours only while our claim holds; a 201 is the truth whoever holds it (the key makes it the same entry).
        const done = await store.modify(key, (r) => (ours(r)
            || (outcome.state === STATES.SAVED && (r.state === STATES.QUEUED || r.state === STATES.SENDING))
            ? finish(r, claim.attempts, outcome) : null));
        if (done) {
            changed(key);
        }
        if (outcome.state === STATES.QUEUED && PAUSING.has(outcome.reason)) {
            pausedUntil = Math.max(pausedUntil, done ? done.nextAttemptAt : now() + BACKOFF_FIRST_MS);
        }
    }

    function finish(record, attempts, outcome) {
        const t = now();
        const next = Object.assign(record, {
            state: outcome.state, updatedAt: t, status: outcome.status, reason: outcome.reason || null,
            message: outcome.message || null, reference: outcome.reference || null, field: outcome.field || null,
            retryAfterMs: outcome.retryAfterMs || 0, sender: null, leaseUntil: 0, nextAttemptAt: 0, finishedBy: context
        });
        if (outcome.state === STATES.SAVED) {
            next.id = outcome.id;
            next.server = SERVER.PRESENT; // it has just said so
            next.announced = false;
        } else if (outcome.state === STATES.QUEUED) {
            next.nextAttemptAt = retryAt(attempts, outcome.retryAfterMs, t, random);
            // the first attempt's trouble is told ("not sent yet"); the retries after it are not, their end is
            next.announced = attempts === 1 ? false : record.announced;
        } else {
            next.announced = false; // refused, failed: every time, a failure after "Try again" too
        }
        return next;
    }

    // ---- What the user does ---------------------------------------------------------------------------------------

    /** Stores a new submission (queued, with a fresh Idempotency-Key) and starts sending it. */
    async function enqueue(names) {
        const t = now();
        const record = { key: newKey(), fname: names.fname, lname: names.lname, state: STATES.QUEUED,
            createdAt: t, updatedAt: t, attempts: 0, nextAttemptAt: 0, announced: true };
        await store.put(record);
        changed(record.key);
        await prune();
        pump();
        return record;
    }

    /** Puts a failed submission (our own 5xx) back in the queue, same key, and sends it. */
    async function retry(key) {
        const record = await store.modify(key, (r) => (r.state === STATES.FAILED
            ? Object.assign(r, { state: STATES.QUEUED, nextAttemptAt: 0, updatedAt: now(), announced: true }) : null));
        if (record) {
            pausedUntil = 0; // the user asked: now, not after this context's backoff
            changed(key);
            pump();
        }
        return record;
    }

    /**
     * New names for a submission not sent yet (same key: nothing reached the server) or refused by the server (a new
     * key: a refused key may be taken, 422). Resolves to the record, or null when it is neither any more (sent since).
     */
    async function edit(key, names) {
        const t = now();
        const changes = { fname: names.fname, lname: names.lname, updatedAt: t, announced: true };
        const kept = await store.modify(key, (r) => (neverSent(r) ? Object.assign(r, changes)
            : r.state === STATES.REFUSED ? DELETE : null));
        if (!kept) {
            return null;
        }
        let record = kept;
        if (kept === DELETE) {
            record = { key: newKey(), ...changes, state: STATES.QUEUED, createdAt: t, attempts: 0, nextAttemptAt: 0 };
            await store.put(record);
            changed(key);
        }
        changed(record.key);
        pump();
        return record;
    }

    /** Drops a submission not sent yet; resolves to false when it has been sent since (or was not there). */
    async function cancel(key) {
        const dropped = await store.modify(key, (r) => (neverSent(r) ? DELETE : null));
        if (dropped) {
            changed(key);
        }
        return !!dropped;
    }

    /** Forgets a finished submission on this device (a saved one stays on the server). */
    async function remove(key) {
        const dropped = await store.modify(key, (r) => (isFinished(r.state) ? DELETE : null));
        if (dropped) {
            changed(key);
        }
        return !!dropped;
    }

    /** Forgets every saved entry on this device, and the refused and failed ones when told to; resolves to how many. */
    async function clearFinished(unsavedToo) {
        const gone = (await store.all()).filter((r) => r.state === STATES.SAVED || (unsavedToo && isFinished(r.state)));
        for (const record of gone) {
            await store.modify(record.key, (r) => (isFinished(r.state) ? DELETE : null));
        }
        changed(null);
        return gone.length;
    }

    /** Marks an outcome as told; true for the one context that marks it, so that it is told once. */
    async function markAnnounced(record) {
        const marked = await store.modify(record.key, (r) => (!r.announced && r.state === record.state
            && r.updatedAt === record.updatedAt ? Object.assign(r, { announced: true }) : null));
        return !!marked;
    }

    /** Forgets finished entries beyond the newest FINISHED_KEPT, and those finished FINISHED_KEPT_DAYS ago. */
    async function prune() {
        const oldest = now() - FINISHED_KEPT_DAYS * DAY_MS;
        const finished = (await store.all()).filter((r) => isFinished(r.state)).sort(byCreation);
        const surplus = finished.length - FINISHED_KEPT;
        const forgotten = finished.filter((r, i) => i < surplus || (r.updatedAt || 0) <= oldest);
        for (const record of forgotten) {
            await store.delete(record.key);
        }
        if (forgotten.length > 0) {
            changed(null);
        }
    }

    // ---- Saved entries on the server --------------------------------------------------------------------------

    const entryPath = (record) => API_PATH + "/" + encodeURIComponent(record.id);

    /** Keeps what the server said of a saved entry: server (SERVER), and serverProblem when it could not tell. */
    async function keepServerState(key, server, problem) {
        // An entry the server said was gone stays gone when it cannot tell now: a deleted id never comes back.
        const checked = await store.modify(key, (r) => (hasId(r) ? Object.assign(r, {
            server: server === SERVER.UNKNOWN && r.server === SERVER.GONE ? SERVER.GONE : server,
            serverProblem: server === SERVER.UNKNOWN ? problem : null, serverCheckedAt: now() }) : null));
        if (checked) {
            changed(key);
        }
    }

    /**
     * Asks the server (GET) whether each saved entry is still there, newest first, one at a time with a pause
     * between; once it cannot be reached, the rest are marked unknown without asking. One run at a time.
     */
    function checkSaved() {
        if (!checking) {
            checking = (async () => {
                const saved = (await store.all()).filter(hasId).sort(byCreation).reverse();
                let unreachable = online() ? null : { status: 0, timedOut: false, offline: true };
                for (const [i, record] of saved.entries()) {
                    if (unreachable) {
                        await keepServerState(record.key, SERVER.UNKNOWN, unreachable);
                        continue;
                    }
                    if (i > 0) {
                        await sleep(CHECK_PAUSE_MS);
                    }
                    const answer = await call(entryPath(record), { method: "GET" });
                    const server = serverState(answer.status);
                    await keepServerState(record.key, server, server === SERVER.UNKNOWN ? entryProblem(answer) : null);
                    if (answer.status === 0) {
                        unreachable = entryProblem(answer);
                    }
                }
                return saved.length;
            })().finally(() => { checking = null; });
        }
        return checking;
    }

    /**
     * Deletes a saved entry on the server (DELETE), then forgets it here. Resolves to {outcome, problem}: "deleted"
     * (204), "gone" (404: it was not there any more; forgotten here too), or "failed" (the entry is kept, here and
     * there; problem says why).
     */
    async function erase(key) {
        const record = await store.get(key);
        if (!hasId(record)) {
            return { outcome: "failed", problem: null };
        }
        const answer = await call(entryPath(record), { method: "DELETE" });
        if (answer.status === 204 || answer.status === 404) {
            await store.delete(key);
            changed(key);
            return { outcome: answer.status === 204 ? "deleted" : "gone", problem: null };
        }
        return { outcome: "failed", problem: entryProblem(answer) };
    }

    // ---- Running -------------------------------------------------------------------------------------------------

    /**
     * Sends until nothing is left to send or the next attempt would come after the deadline (the service worker's
     * sync event); resolves to how many submissions are still pending.
     */
    async function drain(deadline) {
        for (;;) {
            await pump();
            await Promise.all(inFlight.values());
            const records = await store.all();
            const pending = records.filter((r) => !isFinished(r.state));
            const next = nextDue(records);
            if (pending.length === 0 || stopped || !online() || next > deadline) {
                return pending.length;
            }
            await sleep(Math.max(0, next - now()));
        }
    }

    await prune(); // also where only the service worker runs, the page unopened

    return Object.freeze({
        persistent: store.persistent,
        enqueue, retry, edit, cancel, remove, clearFinished, markAnnounced, checkSaved, erase, drain,
        /** Sends what is due now, as when the network came back (this context's pause after a failure is lifted). */
        sendNow: () => { pausedUntil = 0; return pump(); },
        /** Every entry, oldest first, after forgetting the expired ones. */
        list: async () => {
            await prune();
            return (await store.all()).sort(byCreation);
        },
        get: (key) => store.get(key),
        /** Calls fn({type, key}) on every change, from this context or (with a channel) the others. */
        subscribe: (fn) => { listeners.add(fn); return () => listeners.delete(fn); },
        /** Stops sending (timers cleared); requests in flight finish. */
        stop: () => { stopped = true; wakeAt(Infinity); }
    });
}

/** The channel that tells the page, other tabs and the service worker of each other's changes (null without one). */
export function openChannel() {
    return typeof globalThis.BroadcastChannel === "function" ? new globalThis.BroadcastChannel(CHANNEL_NAME) : null;
}
