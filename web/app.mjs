// The page: the form and its checks, the list of submissions, the dialogs, the status region. Storing and sending
// are the queue's (queue.mjs, shared with the service worker); this file asks it, renders what the store says and
// tells the user, in words.mjs's words.

import { config } from "./config.mjs";
import { FIELDS, checkName, validate } from "./names.mjs";
import { isFinished, SERVER, STATES } from "./outcomes.mjs";
import { createQueue, FINISHED_KEPT_DAYS, neverSent, newIdempotencyKey, openChannel, SYNC_TAG } from "./queue.mjs";
import { openStore } from "./storage.mjs";
import * as words from "./words.mjs";

const root = document.documentElement;
const byId = (id) => document.getElementById(id);
const form = byId("pwa-user-form");
const submitButton = byId("submit");
const statusRegion = byId("status");
const list = byId("submissions");
const listHeading = byId("submissions-heading");
const emptyNote = byId("submissions-empty");
const clearButton = byId("clear-finished");
const connection = byId("connection");
const template = byId("submission-template");
const confirmDialog = byId("confirm");
const editDialog = byId("edit");
const editForm = byId("edit-form");
/** How long "Back online." stays shown (it has been announced by then). */
const ONLINE_AGAIN_SHOWN_MS = 5000;
const context = "tab-" + newIdempotencyKey();
/** Entries queued before this page opened and sent since were sent in the background (the worker, another tab). */
const openedAt = Date.now();

let limits = null;
let queue = null;
let storing = false;
let rendering = null;
let renderAgain = false;
let connectionTimer = null;

const online = () => navigator.onLine !== false;
const plainName = (record) => record.fname + " " + record.lname;

/**
 * What each entry's buttons do, by their data-action in the template: when one is offered, its accessible name
 * (its visible text, then which entry: WCAG 2.5.3 wants the visible words in the name), and what it does. A new
 * action is a button in the template and an entry here.
 */
const ACTIONS = {
    retry: {
        offered: (r) => r.state === STATES.FAILED,
        label: (r) => "Try again to send " + plainName(r),
        run: async (record, item) => {
            if (await queue.retry(record.key)) {
                say(words.sendingAgain(record), record.key);
            }
            item.focus(); // the button hides itself: the entry, which says what happens now
        }
    },
    edit: {
        offered: (r) => neverSent(r) || r.state === STATES.REFUSED,
        label: (r) => "Edit " + plainName(r),
        run: editEntry
    },
    cancel: {
        offered: neverSent,
        label: (r) => "Cancel sending " + plainName(r),
        run: async (record) => {
            say(words.cancelled(record, await queue.cancel(record.key)), record.key);
            listHeading.focus();
        }
    },
    remove: {
        offered: (r) => isFinished(r.state),
        label: (r) => "Remove from this device: " + plainName(r),
        run: async (record) => {
            if (record.state !== STATES.SAVED && !(await confirm(words.forgetUnsavedQuestion(record)))) {
                return;
            }
            await queue.remove(record.key);
            say(words.removed(record));
            listHeading.focus();
        }
    },
    erase: {
        offered: (r) => r.state === STATES.SAVED && !!r.id && r.server !== SERVER.GONE && online(),
        label: (r) => "Delete from the server: " + plainName(r),
        run: eraseEntry
    }
};

// ---- Status region and field errors --------------------------------------------------------------------------

/** Says words.mjs's {kind, text} in the status region; key: the entry it is about, if it is about one. */
function say(said, key) {
    setStatus(said.kind, said.text, key);
}

/** kind: none | info | success | queued | error. key: the submission it is about, if it is about one. */
function setStatus(kind, text, key) {
    statusRegion.dataset.kind = kind;
    if (key) {
        statusRegion.dataset.key = key;
    } else {
        delete statusRegion.dataset.key;
    }
    statusRegion.textContent = text || "";
}

/** Shows each field's problem beside it ({} clears them all); prefix: "" for the form, "edit-" for the dialog's. */
function showFieldErrors(errors, prefix) {
    for (const field of FIELDS) {
        const input = byId(prefix + field);
        const error = byId(prefix + field + "-error");
        error.textContent = errors[field] || "";
        error.hidden = !errors[field];
        if (errors[field]) {
            input.setAttribute("aria-invalid", "true");
        } else {
            input.removeAttribute("aria-invalid");
        }
    }
}

/** While a field shows an error, typing re-checks it, so the error goes as soon as it is fixed. */
function recheckField(event) {
    const input = event.target;
    if (input.getAttribute("aria-invalid") === "true") {
        const field = input.name;
        const problem = checkName(field, input.value, limits);
        const error = byId(input.id + "-error");
        error.textContent = problem || "";
        error.hidden = !problem;
        if (!problem) {
            input.removeAttribute("aria-invalid");
        }
    }
}

// ---- The list of submissions ---------------------------------------------------------------------------------

function part(element, role) {
    return element.querySelector("[data-role=" + role + "]");
}

function setOrDelete(element, name, value) {
    if (value) {
        element.dataset[name] = value;
    } else {
        delete element.dataset[name];
    }
}

function renderItem(item, record) {
    item.dataset.idempotencyKey = record.key;
    item.dataset.state = record.state;
    item.dataset.attempts = String(record.attempts || 0);
    setOrDelete(item, "id", record.state === STATES.SAVED ? record.id : null);
    setOrDelete(item, "status", record.status ? String(record.status) : null);
    setOrDelete(item, "field", record.field);
    setOrDelete(item, "reference", words.showsReference(record) ? record.reference : null);
    setOrDelete(item, "server", record.state === STATES.SAVED ? record.server : null);
    part(item, "fname").textContent = record.fname;
    part(item, "lname").textContent = record.lname;
    part(item, "state").textContent = words.stateLabel(record, Date.now());
    part(item, "message").textContent = words.detail(record, online(), Date.now());
    part(item, "id").textContent = record.id || "";
    part(item, "id-line").hidden = !(record.state === STATES.SAVED && record.id);
    part(item, "reference").textContent = record.reference || "";
    part(item, "reference-line").hidden = !words.showsReference(record);
    for (const button of item.querySelectorAll("button[data-action]")) {
        const action = ACTIONS[button.dataset.action];
        button.hidden = !action.offered(record);
        button.setAttribute("aria-label", action.label(record));
    }
}

/** Renders the list from the store, then tells what is not told yet; calls during a run make one more run. */
function render() {
    if (rendering) {
        renderAgain = true;
        return rendering;
    }
    rendering = (async () => {
        try {
            do {
                renderAgain = false;
                await announce(await renderOnce());
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
    }
    existing.forEach((item) => item.remove());
    if (statusRegion.dataset.key && !records.some((r) => r.key === statusRegion.dataset.key)
        && statusRegion.dataset.kind !== "info") {
        setStatus("none", ""); // it told of an entry this device has forgotten since
    }
    const pending = records.filter((r) => !isFinished(r.state)).length;
    list.dataset.count = String(records.length);
    list.dataset.pending = String(pending);
    emptyNote.hidden = records.length > 0;
    clearButton.hidden = records.length === pending;
    return records;
}

/**
 * Tells every outcome not told yet (a record's announced mark), in one message: the visible page that marks a record
 * is the one that tells it, so each is told once, whichever context sent it and however often it failed.
 */
async function announce(records) {
    if (document.visibilityState !== "visible") {
        return;
    }
    const told = [];
    for (const record of records.filter((r) => r.announced === false && r.state !== STATES.SENDING).reverse()) {
        if (await queue.markAnnounced(record)) {
            told.push(record);
        }
    }
    if (told.length > 0) {
        say(words.announcement(told, online(), (r) => r.createdAt < openedAt && r.finishedBy !== context),
            told.length === 1 ? told[0].key : null);
    }
}

// ---- Dialogs --------------------------------------------------------------------------------------------------

/** Asks in the confirmation dialog (Cancel focused first, Escape cancels); resolves to true when confirmed. */
function confirm({ title, text, yes }) {
    byId("confirm-title").textContent = title;
    byId("confirm-text").textContent = text;
    byId("confirm-yes").textContent = yes;
    return new Promise((resolve) => {
        confirmDialog.addEventListener("close", () => resolve(confirmDialog.returnValue === "yes"), { once: true });
        confirmDialog.returnValue = "";
        confirmDialog.showModal();
    });
}

async function eraseEntry(record, item, button) {
    if (!(await confirm(words.eraseQuestion(record)))) {
        button.focus();
        return;
    }
    say(words.erasing(record), record.key);
    const result = await queue.erase(record.key);
    if (result.outcome === "failed") {
        say(words.erased(record, result), record.key);
        (button.hidden ? item : button).focus();
        return;
    }
    say(words.erased(record, result));
    listHeading.focus();
}

/** New names for an entry not sent yet, or refused: the edit dialog, checked with the form's rules. */
function editEntry(record, item, button) {
    byId("edit-fname").value = record.fname;
    byId("edit-lname").value = record.lname;
    showFieldErrors(record.state === STATES.REFUSED && record.field
        ? { [record.field]: words.refusal(record) }
        : {}, "edit-");
    editForm.onsubmit = async (event) => {
        event.preventDefault();
        const values = { fname: byId("edit-fname").value, lname: byId("edit-lname").value };
        const errors = validate(values, limits);
        showFieldErrors(errors, "edit-");
        const invalid = FIELDS.filter((field) => errors[field]);
        if (invalid.length > 0) {
            byId("edit-" + invalid[0]).focus();
            return;
        }
        const edited = await queue.edit(record.key, values);
        editDialog.close("saved");
        say(words.edited(record, edited), edited ? edited.key : record.key);
        if (!edited) {
            item.focus();
            return;
        }
        await render();
        const changed = list.querySelector("li[data-idempotency-key='" + edited.key + "']");
        (changed || listHeading).focus();
    };
    editDialog.addEventListener("close", () => {
        if (editDialog.returnValue !== "saved") {
            (button.hidden ? item : button).focus();
        }
    }, { once: true });
    editDialog.returnValue = "";
    editDialog.showModal();
}

// ---- The form -------------------------------------------------------------------------------------------------

async function onSubmit(event) {
    event.preventDefault();
    if (storing) {
        return; // a second press while the first is being stored (a few milliseconds)
    }
    const values = { fname: byId("fname").value, lname: byId("lname").value };
    const errors = validate(values, limits);
    showFieldErrors(errors, "");
    const invalid = FIELDS.filter((field) => errors[field]);
    if (invalid.length > 0) {
        say(words.notAdded(invalid.map((field) => errors[field])));
        byId(invalid[0]).focus();
        return;
    }
    storing = true;
    try {
        const record = await queue.enqueue(values);
        // Only what was submitted leaves the form, now that it is stored: what was typed since stays.
        for (const field of FIELDS) {
            if (byId(field).value === values[field]) {
                byId(field).value = "";
            }
        }
        say(words.submitted(record, online()), record.key);
        if (document.activeElement === submitButton || document.activeElement === document.body) {
            byId("fname").focus();
        }
        requestBackgroundSync();
    } catch (e) {
        say(words.notStored(e));
    } finally {
        storing = false;
    }
}

async function onListClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) {
        return;
    }
    const item = button.closest("li");
    const record = await queue.get(item.dataset.idempotencyKey);
    if (record && ACTIONS[button.dataset.action].offered(record)) {
        await ACTIONS[button.dataset.action].run(record, item, button);
    }
}

async function forgetFinished() {
    const records = await queue.list();
    const unsaved = records.filter((r) => r.state === STATES.REFUSED || r.state === STATES.FAILED);
    if (unsaved.length > 0 && !(await confirm(words.forgetAllQuestion(unsaved)))) {
        clearButton.focus();
        return;
    }
    const count = await queue.clearFinished(true);
    await render();
    say(words.forgotten(count));
    listHeading.focus();
}

// ---- Connection, service worker, start ------------------------------------------------------------------------

/** The banner is a live region that is always there: only its text changes, so screen readers announce it. */
function showConnection() {
    const wasOffline = connection.dataset.online === "false";
    connection.dataset.online = String(online());
    clearTimeout(connectionTimer);
    if (!online()) {
        connection.textContent = "Offline: new entries are kept on this device and sent when you are back online.";
    } else if (wasOffline) {
        connection.textContent = "Back online.";
        connectionTimer = setTimeout(() => { connection.textContent = ""; }, ONLINE_AGAIN_SHOWN_MS);
    } else {
        connection.textContent = "";
    }
}

/** Asks the service worker to send the queue when connectivity allows, even if this page is closed by then. */
function requestBackgroundSync() {
    if ("serviceWorker" in navigator) {
        navigator.serviceWorker.ready
            .then((registration) => registration.sync && registration.sync.register(SYNC_TAG))
            .catch(() => undefined); // no Background Sync here: this page's timers, its online event and the next load
    }
}

/**
 * sw.js, as a TrustedScriptURL where the browser enforces Trusted Types (the policy allows one policy, "pwa-users",
 * and this is all it makes), else as a plain string.
 */
function serviceWorkerUrl() {
    if (!self.trustedTypes) {
        return "sw.js";
    }
    return self.trustedTypes.createPolicy("pwa-users", {
        createScriptURL: (url) => {
            if (url !== "sw.js") {
                throw new TypeError("Only sw.js may be loaded as a script URL");
            }
            return url;
        }
    }).createScriptURL("sw.js");
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
    // A module worker (import statements, no importScripts, so no script URL for Trusted Types to refuse);
    // updateViaCache "none": the browser checks sw.js and its modules past the HTTP cache.
    navigator.serviceWorker.register(serviceWorkerUrl(), { type: "module", updateViaCache: "none" })
        .then(showControl, () => { root.dataset.sw = "failed"; }); // the page works, just not offline
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

async function checkSavedEntries() {
    try {
        await queue.checkSaved();
    } catch (e) {
        // the entries keep what they last knew
    }
    root.dataset.serverChecked = "true";
}

async function start() {
    registerServiceWorker();
    showConnection();
    await loadLimits();
    queue = await createQueue({ store: await openStore(), apiBase: config.apiBase, online, context,
        channel: openChannel() });
    root.dataset.storage = queue.persistent ? "indexeddb" : "memory";
    queue.subscribe(() => render());
    window.addEventListener("online", () => {
        showConnection();
        render();
        queue.sendNow();
        checkSavedEntries();
    });
    window.addEventListener("offline", () => { showConnection(); render(); });
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") {
            render(); // tells what happened while the page was hidden
            queue.sendNow();
        }
    });
    form.addEventListener("submit", onSubmit);
    form.addEventListener("input", recheckField);
    editForm.addEventListener("input", recheckField);
    list.addEventListener("click", onListClick);
    clearButton.addEventListener("click", forgetFinished);
    byId("confirm-yes").addEventListener("click", () => confirmDialog.close("yes"));
    byId("confirm-no").addEventListener("click", () => confirmDialog.close("no"));
    byId("edit-cancel").addEventListener("click", () => editDialog.close("cancel"));
    document.querySelectorAll("[data-retention-days]").forEach((span) => {
        span.textContent = String(FINISHED_KEPT_DAYS);
    });
    const records = await queue.list();
    await render();
    root.dataset.ready = "true";
    queue.sendNow(); // whatever an earlier visit left queued
    if (records.some((r) => !isFinished(r.state))) {
        requestBackgroundSync();
    }
    checkSavedEntries();
}

start();
