// The page: the form, its checks, the status region and the list of submissions. Sending, retrying and storing
// are queue.js's job (shared with the service worker); this file only asks it and shows what it says.
(function () {
    "use strict";

    const Q = self.PwaQueue;
    const config = self.PWA_USERS_CONFIG || {};
    const root = document.documentElement;
    const form = document.getElementById("pwa-user-form");
    const submitButton = document.getElementById("submit");
    const statusRegion = document.getElementById("status");
    const list = document.getElementById("submissions");
    const emptyNote = document.getElementById("submissions-empty");
    const clearButton = document.getElementById("clear-finished");
    const connection = document.getElementById("connection");
    const template = document.getElementById("submission-template");
    const eraseDialog = document.getElementById("confirm-erase");
    const eraseConfirm = document.getElementById("confirm-erase-yes");
    const FIELDS = ["fname", "lname"];
    const STATE_LABELS = { queued: "Queued", sending: "Sending…", saved: "Saved", failed: "Failed" };
    const GONE_LABEL = "No longer on the server";
    const GONE_TEXT = "It was deleted from the server (elsewhere, or from another device): only this device still "
        + "has it.";
    const OFFLINE_TEXT = "Offline: new entries are kept on this device and sent when you are back online.";
    const ONLINE_AGAIN_TEXT = "Back online.";
    const SENDING_KEPT_TEXT = " Entries kept on this device are being sent.";
    /** How long "Back online" stays shown (it has been announced by then). */
    const ONLINE_AGAIN_SHOWN_MS = 8000;

    /**
     * What each entry's buttons do, by their data-action in the template: when one is offered, its accessible name
     * (which says which entry: "Remove Mickey Mouse from this device"), and what it does (run(key, button)). A new
     * action is a button in the template and an entry here.
     */
    const ACTIONS = {
        retry: {
            offered: (record) => record.state === "failed" && record.retryable,
            label: (name) => "Try again to send " + name,
            run: async (key) => {
                await queue.retry(key);
                await flushQueue(true);
            }
        },
        remove: {
            offered: (record) => record.state === "saved" || record.state === "failed",
            label: (name) => "Remove " + name + " from this device",
            run: async (key) => {
                await queue.remove(key);
                document.getElementById("submissions-heading").focus();
            }
        },
        erase: {
            offered: (record) => record.state === "saved" && !!record.id && record.server !== Q.SERVER.GONE,
            label: (name) => "Delete " + name + " from the server",
            run: eraseAfterConfirmation
        }
    };

    let limits = null;
    let queue = null;
    let retryTimer = null;
    let submittingKey = null;
    let rendering = null;
    let renderAgain = false;
    let connectionTimer = null;
    const knownStates = new Map();
    const ownOutcomes = new Map(); // key -> the state this page already told the user about

    // ---- Status region and field errors --------------------------------------------------------------------

    /** kind: none | info | success | queued | error. key: the submission it is about, if any. */
    function setStatus(kind, text, key) {
        statusRegion.dataset.kind = kind;
        if (key) {
            statusRegion.dataset.key = key;
        } else {
            delete statusRegion.dataset.key;
        }
        statusRegion.textContent = text || "";
    }

    function input(field) {
        return document.getElementById(field);
    }

    function setFieldError(field, message) {
        const error = document.getElementById(field + "-error");
        error.textContent = message || "";
        error.hidden = !message;
        if (message) {
            input(field).setAttribute("aria-invalid", "true");
        } else {
            input(field).removeAttribute("aria-invalid");
        }
    }

    function clearFieldErrors() {
        FIELDS.forEach((field) => setFieldError(field, null));
    }

    function formValues() {
        return { fname: input("fname").value, lname: input("lname").value };
    }

    /** Text as a sentence: server messages often have no final full stop. */
    function sentence(text) {
        const t = (text || "").trim();
        return t && !/[.!?…]$/.test(t) ? t + "." : t;
    }

    /** Both names for a sentence, each isolated (FSI ... PDI) so that a right-to-left name cannot reorder the text. */
    function describe(record) {
        return "\u2068" + record.fname + "\u2069 \u2068" + record.lname + "\u2069";
    }

    // ---- The list of submissions ------------------------------------------------------------------------------

    function renderItem(item, record) {
        item.dataset.idempotencyKey = record.key;
        item.dataset.state = record.state;
        item.dataset.attempts = String(record.attempts || 0);
        setOrDelete(item, "id", record.state === "saved" ? record.id : null);
        setOrDelete(item, "status", record.status ? String(record.status) : null);
        setOrDelete(item, "field", record.field);
        setOrDelete(item, "reference", record.reference);
        part(item, "fname").textContent = record.fname;
        part(item, "lname").textContent = record.lname;
        const server = record.state === "saved" ? record.server : null;
        setOrDelete(item, "server", server);
        part(item, "state").textContent = server === Q.SERVER.GONE ? GONE_LABEL : STATE_LABELS[record.state] || record.state;
        part(item, "message").textContent = record.state === "queued"
            ? (record.message ? sentence(record.message) + " " : "") + "Will be sent automatically."
            : record.state === "sending" ? "Sending now."
                : server === Q.SERVER.GONE ? GONE_TEXT
                    : server === Q.SERVER.UNKNOWN ? sentence(record.message) + " Not checked with the server just now: "
                        + sentence(record.serverNote)
                        : sentence(record.message);
        part(item, "id").textContent = record.id || "";
        part(item, "id-line").hidden = !record.id;
        part(item, "reference").textContent = record.reference || "";
        part(item, "reference-line").hidden = !record.reference;
        for (const button of item.querySelectorAll("button[data-action]")) {
            const action = ACTIONS[button.dataset.action];
            button.hidden = !action.offered(record);
            button.setAttribute("aria-label", action.label(record.fname + " " + record.lname));
        }
    }

    function part(item, role) {
        return item.querySelector("[data-role=" + role + "]");
    }

    function setOrDelete(element, name, value) {
        if (value) {
            element.dataset[name] = value;
        } else {
            delete element.dataset[name];
        }
    }

    /** Renders the list from the store; calls made while one runs are folded into one more run after it. */
    function render() {
        if (rendering) {
            renderAgain = true;
            return rendering;
        }
        rendering = (async () => {
            try {
                do {
                    renderAgain = false;
                    await renderOnce();
                } while (renderAgain);
            } finally {
                rendering = null;
            }
        })();
        return rendering;
    }

    async function renderOnce() {
        const records = (await queue.list()).reverse(); // newest first
        const existing = new Map(Array.from(list.children, (li) => [li.dataset.idempotencyKey, li]));
        let previous = null;
        for (const record of records) {
            let item = existing.get(record.key);
            existing.delete(record.key);
            if (!item) {
                item = template.content.firstElementChild.cloneNode(true);
            }
            renderItem(item, record);
            const wanted = previous ? previous.nextSibling : list.firstChild;
            if (item !== wanted) {
                list.insertBefore(item, wanted);
            }
            previous = item;
            announceBackgroundOutcome(record);
        }
        existing.forEach((item, key) => { item.remove(); knownStates.delete(key); ownOutcomes.delete(key); });
        if (statusRegion.dataset.key && !records.some((r) => r.key === statusRegion.dataset.key)) {
            setStatus("none", ""); // it named an entry this device has forgotten
        }
        const pending = records.filter((r) => r.state === "queued" || r.state === "sending").length;
        list.dataset.count = String(records.length);
        list.dataset.pending = String(pending);
        emptyNote.hidden = records.length > 0;
        clearButton.hidden = records.length === pending;
    }

    /** A queued submission that got its answer later (here, in another tab or in the service worker) is announced. */
    function announceBackgroundOutcome(record) {
        const before = knownStates.get(record.key);
        knownStates.set(record.key, record.state);
        if (record.key === submittingKey || ownOutcomes.get(record.key) === record.state
            || !(before === "queued" || before === "sending")) {
            return;
        }
        if (record.state === "saved") {
            setStatus("success", "Sent: " + describe(record) + ". " + sentence(record.message)
                + " Id: " + record.id + ".", record.key);
        } else if (record.state === "failed") {
            setStatus("error", "Not saved: " + describe(record) + ". " + sentence(record.message)
                + (record.reference ? " Reference: " + record.reference + "." : ""), record.key);
        }
    }

    // ---- Entries on the server -------------------------------------------------------------------------------

    /** Asks the server about every saved entry; html[data-server-checked] says when the answers are in. */
    async function checkSavedEntries() {
        try {
            await queue.checkSaved();
        } catch (e) {
            // the entries keep what they last knew; each check that failed says why on its entry
        }
        root.dataset.serverChecked = "true";
    }

    /** Resolves to true when the person confirms, in the dialog naming the entry, that it is to be deleted. */
    function confirmErase(record) {
        part(eraseDialog, "fname").textContent = record.fname;
        part(eraseDialog, "lname").textContent = record.lname;
        eraseConfirm.setAttribute("aria-label", ACTIONS.erase.label(record.fname + " " + record.lname));
        return new Promise((resolve) => {
            eraseDialog.addEventListener("close", () => resolve(eraseDialog.returnValue === "erase"), { once: true });
            eraseDialog.returnValue = "";
            eraseDialog.showModal();
        });
    }

    async function eraseAfterConfirmation(key, button) {
        const record = await queue.get(key);
        if (!record || !(await confirmErase(record))) {
            button.focus();
            return;
        }
        setStatus("info", "Deleting " + describe(record) + " from the server…", key);
        const result = await queue.erase(key);
        if (result.outcome === "failed") {
            setStatus("error", "Could not delete " + describe(record) + " from the server: " + sentence(result.message)
                + (result.reference ? " Reference: " + result.reference + "." : "")
                + " It is still there and still on this device; try again later.", key);
            button.focus();
            return;
        }
        setStatus("success", describe(record) + (result.outcome === "deleted"
            ? " was deleted from the server and from this device."
            : " was no longer on the server; this device has forgotten it too."));
        document.getElementById("submissions-heading").focus();
    }

    /** The form's problems by field ({} when none): the server's rules, with the limits this page loaded. */
    function check(values) {
        return Q.validate(values, limits);
    }

    // ---- Sending and retrying -------------------------------------------------------------------------------

    async function flushQueue(force) {
        let result;
        try {
            result = await queue.flush({ force });
        } catch (e) {
            return null;
        }
        scheduleRetry(result);
        if (result.pending > 0) {
            requestBackgroundSync();
        }
        return result;
    }

    function scheduleRetry(result) {
        clearTimeout(retryTimer);
        retryTimer = null;
        if (result && result.pending > 0 && result.nextAttemptAt !== null) {
            const delay = Math.max(0, result.nextAttemptAt - Date.now()) + 50;
            retryTimer = setTimeout(() => flushQueue(false), delay);
        }
    }

    /** Asks the service worker to flush the queue when connectivity returns, even if this page is closed by then. */
    function requestBackgroundSync() {
        if (!("serviceWorker" in navigator)) {
            return;
        }
        navigator.serviceWorker.ready
            .then((registration) => registration.sync && registration.sync.register(Q.SYNC_TAG))
            .catch(() => undefined); // no Background Sync here: the online event, timers and next load cover it
    }

    async function onSubmit(event) {
        event.preventDefault();
        if (submitButton.disabled) {
            return;
        }
        const values = formValues();
        const errors = check(values);
        clearFieldErrors();
        const invalid = FIELDS.filter((field) => errors[field]);
        if (invalid.length > 0) {
            invalid.forEach((field) => setFieldError(field, errors[field]));
            setStatus("error", invalid.length === 1 ? "Please correct the highlighted field."
                : "Please correct the highlighted fields.");
            input(invalid[0]).focus();
            return;
        }
        submitButton.disabled = true;
        form.setAttribute("aria-busy", "true");
        setStatus("info", "Sending…");
        try {
            const record = await queue.enqueue(values);
            submittingKey = record.key;
            knownStates.set(record.key, record.state);
            await render();
            await flushQueue(false);
            showOwnOutcome(await queue.get(record.key) || record);
        } catch (e) {
            setStatus("error", "This submission could not be stored or sent: " + (e && e.message ? e.message : e));
        } finally {
            submittingKey = null;
            submitButton.disabled = false;
            form.removeAttribute("aria-busy");
            await render();
        }
    }

    function showOwnOutcome(record) {
        ownOutcomes.set(record.key, record.state);
        if (record.state === "saved") {
            form.reset();
            setStatus("success", sentence(record.message) + " " + describe(record) + " has id " + record.id + ".",
                record.key);
            input("fname").focus();
        } else if (record.state === "failed" && record.field) {
            setFieldError(record.field, record.message);
            setStatus("error", "The server refused this submission: please correct the highlighted field.", record.key);
            input(record.field).focus();
        } else if (record.state === "failed" && record.retryable) {
            // A failure on the server's side: the entry stays in the list with "Try again", so the form is free.
            form.reset();
            setStatus("error", "The server failed to save " + describe(record) + ": " + sentence(record.message)
                + (record.reference ? " Reference: " + record.reference
                    + ". Try again later, or quote this reference when you report the problem." : ""), record.key);
        } else if (record.state === "failed") {
            setStatus("error", "The server refused this submission: " + sentence(record.message), record.key);
        } else {
            // queued (or sending, if another tab holds it): it is stored on this device and will be sent.
            form.reset();
            setStatus("queued", "Not sent yet: " + describe(record) + " is kept on this device and will be sent "
                + "automatically when the server can be reached. " + sentence(record.message)
                + (record.reference ? " Reference: " + record.reference + "." : ""), record.key);
            input("fname").focus();
        }
    }

    // ---- Wiring -----------------------------------------------------------------------------------------------

    function onFieldInput(event) {
        const field = event.target.id;
        if (FIELDS.includes(field) && event.target.getAttribute("aria-invalid") === "true") {
            setFieldError(field, Q.checkName(field, event.target.value, limits)); // clears it once fixed
        }
    }

    async function onListClick(event) {
        const button = event.target.closest("button[data-action]");
        if (!button) {
            return;
        }
        await ACTIONS[button.dataset.action].run(button.closest("li").dataset.idempotencyKey, button);
    }

    /** The banner is a live region that is always there: only its text changes, so screen readers announce it. */
    function showConnection() {
        const online = navigator.onLine !== false;
        const wasOffline = connection.dataset.online === "false";
        connection.dataset.online = String(online);
        clearTimeout(connectionTimer);
        if (!online) {
            connection.textContent = OFFLINE_TEXT;
        } else if (wasOffline) {
            connection.textContent = ONLINE_AGAIN_TEXT + (list.dataset.pending !== "0" ? SENDING_KEPT_TEXT : "");
            connectionTimer = setTimeout(() => { connection.textContent = ""; }, ONLINE_AGAIN_SHOWN_MS);
        } else {
            connection.textContent = "";
        }
    }

    async function forgetFinished() {
        const count = await queue.clearFinished();
        await render();
        setStatus("info", count === 1 ? "1 finished entry forgotten by this device."
            : count + " finished entries forgotten by this device.");
    }

    async function loadLimits() {
        try {
            const response = await fetch("limits.json");
            if (!response.ok) {
                throw new Error("HTTP " + response.status);
            }
            limits = await response.json();
            document.querySelectorAll("[data-limit]").forEach((span) => {
                const value = limits[span.dataset.limit];
                if (value !== undefined) {
                    span.textContent = String(value);
                }
            });
            root.dataset.limits = "loaded";
        } catch (e) {
            limits = null; // the server still checks every limit; the page just cannot warn in advance
            root.dataset.limits = "unavailable";
            document.querySelectorAll("[data-hint]").forEach((hint) => { hint.hidden = true; });
        }
    }

    /**
     * sw.js, as a TrustedScriptURL where the browser enforces Trusted Types (the page's policy allows one policy,
     * "pwa-users", and this is all it makes), else as a plain string.
     */
    function serviceWorkerUrl() {
        if (!self.trustedTypes) {
            return "sw.js";
        }
        const policy = self.trustedTypes.createPolicy("pwa-users", {
            createScriptURL: (url) => {
                if (url !== "sw.js") {
                    throw new TypeError("Only sw.js may be loaded as a script URL");
                }
                return url;
            }
        });
        return policy.createScriptURL("sw.js");
    }

    function registerServiceWorker() {
        if (!("serviceWorker" in navigator)) {
            root.dataset.sw = "unsupported";
            return;
        }
        const showControl = () => {
            root.dataset.sw = navigator.serviceWorker.controller ? "active" : "installing";
        };
        navigator.serviceWorker.addEventListener("controllerchange", showControl);
        navigator.serviceWorker.register(serviceWorkerUrl()).then(showControl, () => {
            root.dataset.sw = "failed"; // the page works, just not offline
        });
    }

    async function start() {
        registerServiceWorker();
        showConnection();
        window.addEventListener("online", () => { showConnection(); flushQueue(true); checkSavedEntries(); });
        window.addEventListener("offline", showConnection);
        document.addEventListener("visibilitychange", () => {
            if (document.visibilityState === "visible") {
                flushQueue(false);
            }
        });
        await loadLimits();
        queue = await Q.create({ apiBase: config.apiBase || "" });
        root.dataset.storage = queue.persistent ? "indexeddb" : "memory";
        queue.subscribe(() => { render(); });
        form.addEventListener("submit", onSubmit);
        form.addEventListener("input", onFieldInput);
        list.addEventListener("click", onListClick);
        clearButton.addEventListener("click", forgetFinished);
        eraseConfirm.addEventListener("click", () => eraseDialog.close("erase"));
        document.getElementById("confirm-erase-no").addEventListener("click", () => eraseDialog.close("cancel"));
        document.querySelectorAll("[data-retention-days]").forEach((span) => {
            span.textContent = String(Q.FINISHED_KEPT_DAYS);
        });
        (await queue.list()).forEach((r) => knownStates.set(r.key, r.state));
        await render();
        // For tests and for the curious: window.pwaUsers.flush() sends what is queued now; check(values) is the form's
        // own check, with the limits the page loaded.
        window.pwaUsers = Object.freeze({ flush: () => flushQueue(true), check, queue });
        root.dataset.ready = "true";
        flushQueue(true); // whatever an earlier visit left queued (or in flight when it closed)
        checkSavedEntries(); // which saved entries are still on the server
    }

    start();
})();
