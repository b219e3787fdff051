// The submission queue, shared by the page (app.js) and the service worker (sw.js, through importScripts).
// A plain script, not a module, so that every browser's service worker can load it: it defines self.PwaQueue.
//
// Every submission is written to IndexedDB before it is sent, with an Idempotency-Key made once, when the user
// submits. flush() sends what is due, one at a time, under a Web Lock so that the page, other tabs and the service
// worker never send the same submission at once (and if they did, the key makes the repeat harmless: the server
// answers it with the first answer, or 409 while the first is still in flight).
//
// States: queued -> sending -> saved | failed, and sending -> queued again when the answer is a transient failure
// (no network, 408, 409, 429, 502, 503, 504, or an unreadable 2xx). A record left in "sending" by a closed tab is due
// again at the next flush: its answer was lost, and resending it with the same key cannot create a second entry.
//
// A saved entry's id is the capability to read it back and to erase it: check() asks GET /pwausers/{id} whether it is
// still on the server (the record's "server": present, gone, or unknown when the server could not say), erase()
// deletes it there with DELETE /pwausers/{id} and then forgets it here.
(function (global) {
    "use strict";

    const DB_NAME = "pwa-users";
    const DB_VERSION = 1;
    const STORE = "submissions";
    /** Tag of the Background Sync registration; sw.js flushes the queue when it fires. */
    const SYNC_TAG = "pwa-users-submissions";
    const LOCK_NAME = "pwa-users-submissions";
    const CHANNEL_NAME = "pwa-users-submissions";
    const API_PATH = "/pwausers";
    /** An attempt that takes longer than this is abandoned and retried later (same key). */
    const REQUEST_TIMEOUT_MS = 15000;
    const BACKOFF_FIRST_MS = 1000;
    const BACKOFF_MAX_MS = 30000;
    /** Saved and failed entries kept on the device for the list; the oldest beyond this are dropped. */
    const FINISHED_KEPT = 50;
    /**
     * Days a saved or failed entry (its names, its id) stays on the device after it finished: long enough to come back
     * to an entry sent in the background during the week; short enough that a shared or lost device does not keep a
     * history of the names typed into it. Queued entries stay until they are sent, however long that takes.
     */
    const FINISHED_KEPT_DAYS = 7;
    const DAY_MS = 24 * 60 * 60 * 1000;

    const STATES = Object.freeze({ QUEUED: "queued", SENDING: "sending", SAVED: "saved", FAILED: "failed" });
    /** What the server last said of a saved entry (the record's "server"); absent until it was asked or told. */
    const SERVER = Object.freeze({ PRESENT: "present", GONE: "gone", UNKNOWN: "unknown" });
    const FIELD_LABELS = Object.freeze({ fname: "First name", lname: "Last name" });
    const TRANSIENT_STATUSES = new Set([408, 409, 429, 502, 503, 504]);

    // ---- Validation: the server's rules (NewPwaUser.nameProblem, same words), with the data of limits.json --------

    const CONTROL = /\p{Cc}/u;
    const SPACE = /\p{Z}/u;
    /** Letters, numbers, punctuation and symbols (general categories L, N, P, S): what can make a name visible. */
    const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
    const compiledLimits = new WeakMap();

    /** limits.json's code point ranges ("202A..202E", "061C") as a test on one code point; nothing when absent. */
    function codePointTest(ranges) {
        const bounds = (Array.isArray(ranges) ? ranges : []).map((range) => {
            const [first, last] = String(range).split("..").map((hex) => parseInt(hex, 16));
            return [first, last === undefined ? first : last];
        });
        return (cp) => bounds.some(([first, last]) => cp >= first && cp <= last);
    }

    /** The rules' data from limits.json (read once per object); limits may be null: then only the server has it. */
    function nameRules(limits) {
        if (!limits || typeof limits !== "object") {
            return { maxLength: null, bidiControl: codePointTest(null), invisible: codePointTest(null) };
        }
        let rules = compiledLimits.get(limits);
        if (!rules) {
            rules = {
                maxLength: Number.isInteger(limits.maxNameLength) ? limits.maxNameLength : null,
                bidiControl: codePointTest(limits.nameBidiControls),
                invisible: codePointTest(limits.nameInvisible)
            };
            compiledLimits.set(limits, rules);
        }
        return rules;
    }

    /**
     * What is wrong with a name, as the end of a sentence that starts with the field ("must not be blank"), or null.
     * The server's rules in the server's order and words (NewPwaUser.nameProblem); the shared cases in
     * function/src/test/resources/name-cases.json hold both to it.
     */
    function nameProblem(value, limits) {
        if (typeof value !== "string" || value.length === 0) {
            return "is required";
        }
        const rules = nameRules(limits);
        let unpairedSurrogate = false;
        let control = false;
        let bidiControl = false;
        let onlySpaces = true;
        let visible = false;
        let length = 0;
        for (const character of value) { // by code point, as the server counts: 李 and 😀 are one; a lone surrogate too
            const cp = character.codePointAt(0);
            unpairedSurrogate = unpairedSurrogate || (cp >= 0xD800 && cp <= 0xDFFF);
            control = control || CONTROL.test(character);
            bidiControl = bidiControl || rules.bidiControl(cp);
            onlySpaces = onlySpaces && SPACE.test(character);
            visible = visible || (VISIBLE.test(character) && !rules.invisible(cp));
            length++;
        }
        if (unpairedSurrogate) {
            return "must be valid Unicode text (it has an unpaired surrogate)";
        } else if (control) {
            return "must not contain control characters";
        } else if (bidiControl) {
            return "must not contain bidirectional control characters";
        } else if (onlySpaces) {
            return "must not be blank";
        } else if (!visible) {
            return "must contain a visible letter, digit or symbol";
        } else if (rules.maxLength !== null && length > rules.maxLength) {
            return "must be at most " + rules.maxLength + " characters long";
        }
        return null;
    }

    /**
     * The problem with one name, as a sentence ("First name must not be blank."), or null when it is fine. limits may
     * be null (limits.json could not be read): then the length, the bidi controls and the invisible characters that
     * are letters by category (the Hangul fillers) are left to the server.
     */
    function checkName(field, value, limits) {
        const problem = nameProblem(value, limits);
        return problem ? (FIELD_LABELS[field] || field) + " " + problem + "." : null;
    }

    /** Problems with a form, by field name: {} when both names are fine. */
    function validate(form, limits) {
        const errors = {};
        for (const field of ["fname", "lname"]) {
            const problem = checkName(field, form[field], limits);
            if (problem) {
                errors[field] = problem;
            }
        }
        return errors;
    }

    // ---- Keys ------------------------------------------------------------------------------------------------------

    /** A random UUID (v4). crypto.randomUUID needs a secure context; getRandomValues works everywhere. */
    function newIdempotencyKey() {
        const crypto = global.crypto;
        if (typeof crypto.randomUUID === "function") {
            return crypto.randomUUID();
        }
        const b = crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
        return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
    }

    // ---- What an answer means ------------------------------------------------------------------------------------

    /** Retry-After in milliseconds (seconds or an HTTP date), or 0. */
    function retryAfterMs(header, now) {
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
     * The outcome of one answer: {state, ...details}. Pure, so it can be reasoned about on its own.
     * state "saved": id, message. "failed": message, field (4xx about one field), reference (5xx), retryable.
     * "queued" (transient, to be retried with the same key): message, reference, retryAfterMs.
     */
    function classify(status, body, retryAfterHeader, now) {
        const b = body && typeof body === "object" ? body : {};
        const serverMessage = typeof b.Message === "string" ? b.Message
            : typeof b.message === "string" ? b.message : null;
        const reference = typeof b.Reference === "string" ? b.Reference : null;
        if (status >= 200 && status < 300) {
            if (typeof b.PwaUserId === "string" && b.PwaUserId) {
                return { state: STATES.SAVED, status, id: b.PwaUserId, message: serverMessage || "Saved." };
            }
            // The entry may well be saved, but we cannot tell its id: asking again with the same key tells.
            return { state: STATES.QUEUED, status, message: "The server's answer could not be read.",
                retryAfterMs: 0 };
        }
        if (TRANSIENT_STATUSES.has(status)) {
            const message = status === 409
                ? serverMessage || "The server is still working on this submission."
                : (typeof b.Error === "string" ? b.Error : serverMessage) || "The server is unavailable (HTTP " + status + ").";
            return { state: STATES.QUEUED, status, message, reference, retryAfterMs: retryAfterMs(retryAfterHeader, now) };
        }
        if (status >= 400 && status < 500) {
            return { state: STATES.FAILED, status, retryable: false,
                message: serverMessage || "The server refused this submission (HTTP " + status + ").",
                field: b.Field === "fname" || b.Field === "lname" ? b.Field : null };
        }
        return { state: STATES.FAILED, status, retryable: true, reference,
            message: typeof b.Error === "string" ? b.Error : "The server failed (HTTP " + status + ")." };
    }

    /**
     * The server's words for an answer that is not what was asked for: {message, reference}. status 0: no answer.
     * The entry routes answer errors as POST does ({"Message"} for 4xx, {"Error", "Reference"} for 5xx).
     */
    function problem(status, body) {
        if (status === 0) {
            return { message: "Could not reach the server.", reference: null };
        }
        const b = body && typeof body === "object" ? body : {};
        const text = typeof b.Error === "string" ? b.Error : typeof b.Message === "string" ? b.Message : null;
        return { message: text || "The server answered HTTP " + status + ".",
            reference: typeof b.Reference === "string" ? b.Reference : null };
    }

    /** What GET /pwausers/{id} says of an entry: present (200), gone (404), or unknown (it could not tell). */
    function serverState(status) {
        return status === 200 ? SERVER.PRESENT : status === 404 ? SERVER.GONE : SERVER.UNKNOWN;
    }

    /** When to try again after a transient outcome: exponential backoff with jitter, never before Retry-After. */
    function nextAttemptAt(attempts, retryAfter, now, random) {
        const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * Math.pow(2, Math.max(0, attempts - 1)));
        const jittered = backoff * (0.8 + 0.4 * random());
        return now + Math.max(retryAfter || 0, jittered);
    }

    // ---- Storage: IndexedDB, or memory where IndexedDB is not available ------------------------------------------

    function request(req) {
        return new Promise((resolve, reject) => {
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
        });
    }

    function idbStore(db) {
        function run(mode, work) {
            return new Promise((resolve, reject) => {
                const tx = db.transaction(STORE, mode);
                let result;
                work(tx.objectStore(STORE), (value) => { result = value; });
                tx.oncomplete = () => resolve(result);
                tx.onerror = () => reject(tx.error);
                tx.onabort = () => reject(tx.error);
            });
        }
        return {
            persistent: true,
            all: () => run("readonly", (s, done) => { s.getAll().onsuccess = (e) => done(e.target.result); }),
            get: (key) => run("readonly", (s, done) => { s.get(key).onsuccess = (e) => done(e.target.result); }),
            put: (record) => run("readwrite", (s) => { s.put(record); }),
            delete: (key) => run("readwrite", (s) => { s.delete(key); }),
            /** Reads, changes and writes one record in one transaction; change returns the new record or null. */
            modify: (key, change) => run("readwrite", (s, done) => {
                s.get(key).onsuccess = (e) => {
                    const current = e.target.result;
                    const next = current ? change(current) : null;
                    if (next) {
                        s.put(next);
                    }
                    done(next);
                };
            })
        };
    }

    function memoryStore() {
        const records = new Map();
        const copy = (r) => (r ? Object.assign({}, r) : r);
        return {
            persistent: false,
            all: async () => Array.from(records.values(), copy),
            get: async (key) => copy(records.get(key)),
            put: async (record) => { records.set(record.key, copy(record)); },
            delete: async (key) => { records.delete(key); },
            modify: async (key, change) => {
                const current = records.get(key);
                const next = current ? change(copy(current)) : null;
                if (next) {
                    records.set(key, copy(next));
                }
                return next;
            }
        };
    }

    async function openStore() {
        if (!global.indexedDB) {
            return memoryStore();
        }
        try {
            const open = global.indexedDB.open(DB_NAME, DB_VERSION);
            open.onupgradeneeded = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains(STORE)) {
                    db.createObjectStore(STORE, { keyPath: "key" });
                }
            };
            const db = await request(open);
            db.onversionchange = () => db.close(); // let a newer version of the app upgrade the database
            return idbStore(db);
        } catch (e) {
            return memoryStore(); // private browsing modes may refuse IndexedDB: keep working, without persistence
        }
    }

    // ---- The queue ---------------------------------------------------------------------------------------------

    const byCreation = (a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1);
    const isFinished = (r) => r.state === STATES.SAVED || r.state === STATES.FAILED;

    /**
     * A queue over a store. options: apiBase (default ""), fetch (default global fetch), store (default: opened
     * IndexedDB), now (the clock, default Date.now: it decides backoff and when finished entries expire), random.
     */
    async function create(options) {
        const opts = options || {};
        const apiBase = (opts.apiBase || "").replace(/\/+$/, "");
        const fetchFn = opts.fetch || global.fetch.bind(global);
        const now = opts.now || Date.now;
        const random = opts.random || Math.random;
        const store = opts.store || await openStore();
        const listeners = new Set();
        const channel = typeof global.BroadcastChannel === "function" ? new global.BroadcastChannel(CHANNEL_NAME) : null;
        let localChain = Promise.resolve();

        if (channel) {
            channel.onmessage = (event) => listeners.forEach((fn) => fn(event.data || {}));
        }

        function changed(record) {
            const note = { type: "changed", key: record ? record.key : null, state: record ? record.state : null };
            listeners.forEach((fn) => fn(note));
            if (channel) {
                channel.postMessage(note);
            }
        }

        /** Runs work alone: across tabs and the service worker with Web Locks, else at least within this context. */
        function exclusively(work) {
            const locks = global.navigator && global.navigator.locks;
            if (locks && typeof locks.request === "function") {
                return locks.request(LOCK_NAME, work);
            }
            const run = localChain.then(work, work);
            localChain = run.catch(() => undefined);
            return run;
        }

        /**
         * One call to the API, abandoned after REQUEST_TIMEOUT_MS: {status, body, retryAfter}, status 0 when there was
         * no answer, body null when it was not JSON (a 204, a proxy's error page, a cut connection).
         */
        async function callApi(path, init) {
            const controller = typeof AbortController === "function" ? new AbortController() : null;
            const timer = controller ? setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : null;
            try {
                let response;
                try {
                    response = await fetchFn(apiBase + path, Object.assign({ cache: "no-store",
                        signal: controller ? controller.signal : undefined }, init));
                } catch (e) {
                    return { status: 0, body: null, retryAfter: null };
                }
                let body = null;
                try {
                    body = JSON.parse(await response.text());
                } catch (e) {
                    body = null;
                }
                return { status: response.status, body, retryAfter: response.headers.get("Retry-After") };
            } finally {
                if (timer) {
                    clearTimeout(timer);
                }
            }
        }

        async function send(record) {
            const answer = await callApi(API_PATH, {
                method: "POST",
                headers: { "Content-Type": "application/json", "Idempotency-Key": record.key },
                body: JSON.stringify({ fname: record.fname, lname: record.lname })
            });
            if (answer.status === 0) {
                return { state: STATES.QUEUED, status: 0, network: true, retryAfterMs: 0,
                    message: "Could not reach the server." };
            }
            return classify(answer.status, answer.body, answer.retryAfter, now());
        }

        function entryPath(record) {
            return API_PATH + "/" + encodeURIComponent(record.id);
        }

        const hasId = (r) => r && r.state === STATES.SAVED && typeof r.id === "string" && r.id !== "";

        /**
         * Asks the server whether a saved entry is still there (GET) and keeps its answer on the record: server
         * (SERVER), and serverNote, what kept it from telling (unknown only). Resolves to the record, or null.
         */
        async function check(key) {
            const record = await store.get(key);
            if (!hasId(record)) {
                return null;
            }
            const answer = await callApi(entryPath(record), { method: "GET" });
            const server = serverState(answer.status);
            const note = server === SERVER.UNKNOWN ? problem(answer.status, answer.body).message : null;
            // An entry the server said was gone stays gone when it cannot tell now: a deleted id never comes back.
            const checked = await store.modify(key, (r) => (hasId(r) ? Object.assign(r, {
                server: server === SERVER.UNKNOWN && r.server === SERVER.GONE ? SERVER.GONE : server,
                serverNote: note, serverCheckedAt: now() }) : null));
            if (checked) {
                changed(checked);
            }
            return checked;
        }

        /** Checks every saved entry with the server, all at once; resolves to how many were checked. */
        async function checkSaved() {
            const saved = (await store.all()).filter(hasId);
            await Promise.all(saved.map((r) => check(r.key)));
            return saved.length;
        }

        /**
         * Deletes a saved entry on the server (DELETE), then forgets it on this device. Resolves to {outcome,
         * message, reference}: outcome "deleted" (204), "gone" (404: it was not there any more; forgotten here too),
         * or "failed" (no answer, or an error: the entry is kept, here and there).
         */
        async function erase(key) {
            const record = await store.get(key);
            if (!hasId(record)) {
                return { outcome: "failed", message: "Only a saved entry can be deleted from the server.", reference: null };
            }
            const answer = await callApi(entryPath(record), { method: "DELETE" });
            if (answer.status === 204 || answer.status === 404) {
                await store.delete(key);
                changed({ key, state: null });
                return { outcome: answer.status === 204 ? "deleted" : "gone", message: null, reference: null };
            }
            return Object.assign({ outcome: "failed" }, problem(answer.status, answer.body));
        }

        /** Stores a new submission, state "queued", with a fresh Idempotency-Key. Send it with flush(). */
        async function enqueue(form) {
            const at = now();
            const record = { key: newIdempotencyKey(), fname: form.fname, lname: form.lname, state: STATES.QUEUED,
                createdAt: at, updatedAt: at, attempts: 0, nextAttemptAt: 0 };
            await store.put(record);
            changed(record);
            await pruneFinished();
            return record;
        }

        /** Forgets finished entries beyond the newest FINISHED_KEPT, and those finished FINISHED_KEPT_DAYS ago. */
        async function pruneFinished() {
            const oldest = now() - FINISHED_KEPT_DAYS * DAY_MS;
            const finished = (await store.all()).filter(isFinished).sort(byCreation);
            const surplus = finished.length - FINISHED_KEPT;
            const forgotten = finished.filter((r, i) => i < surplus || (r.updatedAt || 0) <= oldest);
            for (const record of forgotten) {
                await store.delete(record.key);
            }
            if (forgotten.length > 0) {
                changed(null);
            }
            return forgotten.length;
        }

        /**
         * Sends every due submission, oldest first, each at most once per call. force: ignore backoff (the network
         * just came back, or the user asked). Stops at the first network or server-unavailable failure.
         * Resolves to {pending, nextAttemptAt} (nextAttemptAt: the earliest time a retry is due, or null).
         */
        function flush(flushOptions) {
            const force = !!(flushOptions && flushOptions.force);
            return exclusively(async () => {
                const tried = new Set();
                for (;;) {
                    const at = now();
                    const due = (await store.all())
                        .filter((r) => (r.state === STATES.QUEUED || r.state === STATES.SENDING) && !tried.has(r.key)
                            && (force || !r.nextAttemptAt || r.nextAttemptAt <= at))
                        .sort(byCreation);
                    if (due.length === 0) {
                        break;
                    }
                    const record = due[0];
                    tried.add(record.key);
                    const sending = await store.modify(record.key, (r) => Object.assign(r, {
                        state: STATES.SENDING, attempts: (r.attempts || 0) + 1, updatedAt: at }));
                    if (!sending) {
                        continue;
                    }
                    changed(sending);
                    const outcome = await send(sending);
                    const done = await store.modify(record.key, (r) => finish(r, outcome));
                    if (done) {
                        changed(done);
                    }
                    if (outcome.state === STATES.QUEUED && outcome.status !== 409) {
                        break; // the network or the service is down: the others would fail the same way
                    }
                }
                return summary();
            });
        }

        function finish(record, outcome) {
            const at = now();
            const next = Object.assign(record, {
                state: outcome.state, updatedAt: at, status: outcome.status, message: outcome.message,
                reference: outcome.reference || null, field: outcome.field || null, retryable: !!outcome.retryable
            });
            if (outcome.state === STATES.SAVED) {
                next.id = outcome.id;
                next.server = SERVER.PRESENT; // it has just said so
                next.nextAttemptAt = 0;
            } else if (outcome.state === STATES.QUEUED) {
                next.nextAttemptAt = nextAttemptAt(record.attempts, outcome.retryAfterMs, at, random);
            } else {
                next.nextAttemptAt = 0;
            }
            return next;
        }

        async function summary() {
            const pending = (await store.all()).filter((r) => !isFinished(r));
            const times = pending.map((r) => r.nextAttemptAt || 0);
            return { pending: pending.length, nextAttemptAt: times.length ? Math.min.apply(null, times) : null };
        }

        /** Puts a failed submission whose failure was on the server's side (5xx) back in the queue, same key. */
        async function retry(key) {
            const record = await store.modify(key, (r) => (r.state === STATES.FAILED && r.retryable
                ? Object.assign(r, { state: STATES.QUEUED, nextAttemptAt: 0, updatedAt: now() }) : null));
            if (record) {
                changed(record);
            }
            return record;
        }

        /** Forgets a saved or failed submission (queued ones stay until they are sent). */
        async function remove(key) {
            const record = await store.get(key);
            if (record && isFinished(record)) {
                await store.delete(key);
                changed({ key, state: null });
                return true;
            }
            return false;
        }

        /** Forgets every saved and failed entry on this device; resolves to how many were forgotten. */
        async function clearFinished() {
            const finished = (await store.all()).filter(isFinished);
            for (const record of finished) {
                await store.delete(record.key);
            }
            changed(null);
            return finished.length;
        }

        await pruneFinished(); // also where only the service worker runs, the page unopened

        return {
            persistent: store.persistent,
            enqueue,
            flush,
            retry,
            remove,
            clearFinished,
            check,
            checkSaved,
            erase,
            /** Every entry, oldest first, after forgetting the expired ones. */
            list: async () => {
                await pruneFinished();
                return (await store.all()).sort(byCreation);
            },
            get: (key) => store.get(key),
            summary,
            /** Calls fn({type, key, state}) on every change, from this context, other tabs or the service worker. */
            subscribe: (fn) => { listeners.add(fn); return () => listeners.delete(fn); }
        };
    }

    global.PwaQueue = Object.freeze({
        STATES, SERVER, SYNC_TAG, FIELD_LABELS, API_PATH, FINISHED_KEPT_DAYS,
        create, validate, checkName, nameProblem, classify, problem, serverState, newIdempotencyKey, nextAttemptAt,
        memoryStore
    });
})(self);
