// What the queue's unit tests run it on: a fake clock with timers per context (a context can be closed, as a tab
// is), and a fake API that keeps entries by Idempotency-Key as the server does, and can be told to answer otherwise.

/** Lets every pending promise callback and immediate run (the memory store answers in microtasks). */
export async function settle() {
    for (let i = 0; i < 30; i++) {
        await new Promise((resolve) => setImmediate(resolve));
    }
}

/** A clock that only moves when told; timers() makes one context's setTimeout and setInterval on it. */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
    let time = start;
    let sequence = 0;
    const pending = new Map();

    function timers() {
        const own = new Set();
        let closed = false;
        const add = (fn, ms, every) => {
            if (closed) {
                return 0;
            }
            const id = ++sequence;
            pending.set(id, { at: time + Math.max(0, ms || 0), fn, every, own });
            own.add(id);
            return id;
        };
        const clear = (id) => {
            pending.delete(id);
            own.delete(id);
        };
        return {
            setTimeout: (fn, ms) => add(fn, ms, 0),
            setInterval: (fn, ms) => add(fn, ms, Math.max(1, ms)),
            clearTimeout: clear,
            clearInterval: clear,
            /** The context is gone (a closed tab): none of its timers fires again. */
            close: () => {
                closed = true;
                own.forEach((id) => pending.delete(id));
                own.clear();
            }
        };
    }

    /** Moves the clock on by ms, firing each timer due on the way at its own time, in order. */
    async function advance(ms) {
        const end = time + ms;
        for (;;) {
            await settle();
            let next = null;
            for (const [id, timer] of pending) {
                if (timer.at <= end && (!next || timer.at < next[1].at || (timer.at === next[1].at && id < next[0]))) {
                    next = [id, timer];
                }
            }
            if (!next) {
                break;
            }
            const [id, timer] = next;
            time = Math.max(time, timer.at);
            if (timer.every) {
                timer.at = time + timer.every;
            } else {
                pending.delete(id);
                timer.own.delete(id);
            }
            timer.fn();
        }
        time = end;
        await settle();
    }

    return { now: () => time, timers, advance };
}

/** BroadcastChannel as contexts of one origin have it: channel() is one context's, and hears the others'. */
export function fakeBus() {
    const channels = new Set();
    return {
        channel: () => {
            const own = {
                onmessage: null,
                postMessage: (data) => {
                    for (const other of channels) {
                        if (other !== own) {
                            setImmediate(() => other.onmessage && other.onmessage({ data }));
                        }
                    }
                },
                close: () => channels.delete(own)
            };
            channels.add(own);
            return own;
        }
    };
}

const json = (status, body, headers = {}) => ({ status, body: body === undefined ? "" : JSON.stringify(body), headers });

/**
 * The API as the server keeps it: a POST stores an entry once per Idempotency-Key (a repeat gets the same id), GET
 * and DELETE of /pwausers/{id}. A plan makes a POST answer otherwise: an answer ({status, body, headers}: json()),
 * "unreachable" (fetch rejects) or "hang" (no answer until release(), or until the request is aborted).
 */
export function fakeApi() {
    const entries = new Map(); // id -> {fname, lname}
    const byKey = new Map(); // Idempotency-Key -> id
    const scripted = [];
    let always = null;
    const hung = [];
    const requests = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let ids = 0;

    function answerPost(init) {
        const key = init.headers["Idempotency-Key"];
        const body = JSON.parse(init.body);
        let id = byKey.get(key);
        if (!id) {
            id = "id" + String(++ids).padStart(20, "0");
            byKey.set(key, id);
            entries.set(id, { fname: body.fname, lname: body.lname });
        }
        return json(201, { PwaUserId: id, Firstname: body.fname, Lastname: body.lname,
            Message: "Successfully added user!" });
    }

    function answer(method, path, init) {
        if (method === "POST") {
            return answerPost(init);
        }
        const id = decodeURIComponent(path.slice("/pwausers/".length));
        if (!entries.has(id)) {
            return json(404, { Message: "No entry with this id" });
        }
        if (method === "DELETE") {
            entries.delete(id);
            return json(204);
        }
        return json(200, { PwaUserId: id, ...entries.get(id) });
    }

    async function fetch(url, init) {
        const method = init.method || "GET";
        const path = new URL(url, "http://localhost").pathname;
        requests.push({ method, path, key: init.headers && init.headers["Idempotency-Key"] });
        let plan = method !== "POST" ? null : scripted.length > 0 ? scripted.shift() : always;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
            if (plan === "unreachable") {
                throw new TypeError("Failed to fetch");
            }
            if (plan === "hang") {
                plan = await new Promise((resolve, reject) => {
                    hung.push(resolve);
                    init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
                }); // released: with the answer release() was given, else as the server would have answered
            }
            const result = plan || answer(method, path, init);
            const headers = new Map(Object.entries(result.headers || {}).map(([k, v]) => [k.toLowerCase(), v]));
            return { status: result.status, text: async () => result.body || "",
                headers: { get: (name) => (headers.has(name.toLowerCase()) ? headers.get(name.toLowerCase()) : null) } };
        } finally {
            inFlight--;
        }
    }

    return {
        fetch,
        entries,
        requests,
        /** POSTs sent so far. */
        posts: () => requests.filter((r) => r.method === "POST"),
        maxInFlight: () => maxInFlight,
        /** The next POSTs' answers, one each, before the server's own. */
        next: (...plans) => { scripted.push(...plans); },
        /** Every POST after the scripted ones answers this (a plan as for next), until up(). */
        down: (plan) => { always = plan; },
        up: () => { always = null; },
        /** The oldest hung request gets this answer (the server's own when none); all of them when all is true. */
        release: (answer = null, all = true) => {
            (all ? hung.splice(0) : hung.splice(0, 1)).forEach((resolve) => resolve(answer));
        },
        json
    };
}
