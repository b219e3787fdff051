// What the page says, in one place: the label and the sentence of each entry, what the status region announces, and
// what each action says and asks. Pure functions of the record, so that no two places say different things of one
// state.

import { FIELD_LABELS } from "./names.mjs";
import { REASONS, SERVER, STATES } from "./outcomes.mjs";
import { REQUEST_TIMEOUT_MS } from "./queue.mjs";

/** Text as a sentence: server messages often have no final full stop. */
function sentence(text) {
    const t = (text || "").trim();
    return t && !/[.!?…]$/.test(t) ? t + "." : t;
}

/** Both names for a sentence, each isolated (FSI ... PDI) so that a right-to-left name cannot reorder the text. */
export function named(record) {
    return "\u2068" + record.fname + "\u2069 \u2068" + record.lname + "\u2069";
}

/** A record left "sending" by a context that went away (its claim ran out): it waits to be sent again. */
function abandoned(record, now) {
    return record.state === STATES.SENDING && (record.leaseUntil || 0) < now;
}

/** The entry's badge. now: the clock, to tell an abandoned attempt from one that runs. */
export function stateLabel(record, now) {
    if (abandoned(record, now)) {
        return "Not sent yet";
    }
    switch (record.state) {
        case STATES.QUEUED: return "Not sent yet";
        case STATES.SENDING: return "Sending…";
        case STATES.SAVED: return record.server === SERVER.GONE ? "No longer on the server" : "Saved";
        case STATES.REFUSED: return "Refused";
        case STATES.FAILED: return "Not saved";
        default: return record.state;
    }
}

/** Why the last attempt did not save a queued entry. */
function reasonText(record) {
    switch (record.reason) {
        case REASONS.TIMEOUT: return "The server did not answer within " + REQUEST_TIMEOUT_MS / 1000 + " seconds.";
        case REASONS.THROTTLED: return "The server is receiving too many requests just now.";
        case REASONS.UNAVAILABLE: return record.status === 500
            ? "The server had a temporary problem (HTTP 500)."
            : "The server is unavailable just now (HTTP " + record.status + ").";
        case REASONS.IN_FLIGHT: return "The server is still working on an earlier attempt.";
        case REASONS.UNREADABLE: return "The server's answer could not be read.";
        default: return "Could not reach the server.";
    }
}

/** When a queued entry will be sent. */
function whenSent(record, online) {
    if (!online) {
        return "It will be sent when you are back online.";
    }
    const seconds = Math.round((record.retryAfterMs || 0) / 1000);
    return seconds >= 1 ? "It will be sent again in about " + seconds + " seconds, as the server asked."
        : record.attempts ? "It will be sent again automatically." : "It will be sent in a moment.";
}

/** A refusal in the page's words: "fname must not be blank" reads "First name must not be blank.". */
export function refusal(record) {
    const message = record.message || "The request was refused (HTTP " + record.status + ")";
    return sentence(record.field && message.startsWith(record.field + " ")
        ? FIELD_LABELS[record.field] + message.slice(record.field.length) : message);
}

/** Why a GET or DELETE of an entry did not tell or do what was asked (outcomes.entryProblem). */
export function problemText(problem) {
    if (!problem || problem.offline) {
        return "You are offline.";
    }
    if (problem.status === 0) {
        return problem.timedOut ? "The server did not answer within " + REQUEST_TIMEOUT_MS / 1000 + " seconds."
            : "Could not reach the server.";
    }
    return sentence(problem.message || "The server answered HTTP " + problem.status);
}

/** The entry's sentence under its name. online: whether the page can send now; now: the clock. */
export function detail(record, online, now) {
    if (abandoned(record, now)) {
        return "An attempt to send it was cut short. " + whenSent(record, online);
    }
    switch (record.state) {
        case STATES.QUEUED:
            return (record.attempts ? reasonText(record) + " " : "Kept on this device. ") + whenSent(record, online);
        case STATES.SENDING:
            return record.attempts > 1 ? "Sending again now (attempt " + record.attempts + ")." : "Sending now.";
        case STATES.SAVED:
            return record.server === SERVER.GONE
                ? "It was deleted from the server (elsewhere, or from another device): only this device still has it."
                : record.server === SERVER.UNKNOWN
                    ? "Saved on the server. Whether it is still there could not be checked just now: "
                        + problemText(record.serverProblem)
                    : "Saved on the server.";
        case STATES.REFUSED:
            return "The server refused it: " + refusal(record) + " Edit it to correct it.";
        case STATES.FAILED:
            return "The server could not save it: " + sentence(record.message || "HTTP " + record.status)
                + " Try again, or quote its reference if you report the problem.";
        default:
            return "";
    }
}

/** Whether the entry shows the Reference of its last answer (never while a new attempt runs). */
export function showsReference(record) {
    return !!record.reference && (record.state === STATES.QUEUED || record.state === STATES.FAILED);
}

const SEVERITY = { info: 0, success: 1, queued: 2, error: 3 };

/**
 * What the status region says of outcomes not told yet: {kind, text}, the worst kind of them. background(record):
 * whether another context (a tab, the service worker) sent it.
 */
export function announcement(records, online, background) {
    let kind = "info";
    const texts = records.map((record) => {
        const said = announced(record, online);
        kind = SEVERITY[said.kind] > SEVERITY[kind] ? said.kind : kind;
        return (record.state === STATES.SAVED && background(record) ? "Sent in the background: " : "") + said.text;
    });
    return { kind, text: texts.join(" ") };
}

function announced(record, online) {
    const name = named(record);
    switch (record.state) {
        case STATES.SAVED:
            return { kind: "success", text: sentence(record.message || "Saved") + " " + name + " has id " + record.id + "." };
        case STATES.REFUSED:
            return { kind: "error", text: "Not saved: the server refused " + name + ". " + refusal(record)
                + " Edit it to correct it." };
        case STATES.FAILED:
            return { kind: "error", text: "Not saved: the server could not save " + name + ". "
                + sentence(record.message || "HTTP " + record.status)
                + (record.reference ? " Reference: " + record.reference + "." : "") };
        default:
            return { kind: "queued", text: "Not sent yet: " + name + ". " + reasonText(record)
                + " It is kept on this device. " + whenSent(record, online) };
    }
}

/** What the status region says right after a submission was stored on the device. */
export function submitted(record, online) {
    return online
        ? { kind: "info", text: named(record) + " is kept on this device and being sent." }
        : { kind: "queued", text: "You are offline: " + named(record) + " is kept on this device and will be sent "
            + "when you are back online." };
}

// ---- What the user's actions make the page say: {kind, text} for the status region, {title, text, yes} to ask ----

/** A failed entry sent again at the user's word. */
export function sendingAgain(record) {
    return { kind: "info", text: "Sending " + named(record) + " again." };
}

/** "Cancel sending": done, or too late (an attempt left meanwhile). */
export function cancelled(record, done) {
    return done
        ? { kind: "info", text: named(record) + " was cancelled: it was never sent, and this device has forgotten it." }
        : { kind: "error", text: named(record) + " could not be cancelled: it is being sent already." };
}

/** The edit dialog's outcome: the new names, or too late (an attempt left meanwhile). */
export function edited(record, changed) {
    return changed
        ? { kind: "info", text: "Changed to " + named(changed) + "." }
        : { kind: "error", text: named(record) + " was not changed: it is being sent already." };
}

/** The question before forgetting one entry that never reached the server. */
export function forgetUnsavedQuestion(record) {
    return { title: "Forget an entry that was never saved?",
        text: named(record) + " was never saved on the server: only this device has it. Forget it?", yes: "Forget it" };
}

/** "Remove from this device" done. */
export function removed(record) {
    return { kind: "info", text: named(record) + (record.state === STATES.SAVED
        ? " was removed from this device; the server keeps it." : " was forgotten by this device.") };
}

/** The question before "Forget finished entries" drops entries that never reached the server. */
export function forgetAllQuestion(unsaved) {
    return { title: "Forget entries that were never saved?",
        text: (unsaved.length === 1 ? "1 entry was" : unsaved.length + " entries were") + " never saved on the server ("
            + unsaved.map(named).join(", ") + "): only this device has them. Forget them with the saved ones?",
        yes: "Forget all" };
}

/** "Forget finished entries" done. */
export function forgotten(count) {
    return { kind: "info", text: count === 1 ? "1 finished entry forgotten by this device."
        : count + " finished entries forgotten by this device." };
}

/** The question before "Delete from the server". */
export function eraseQuestion(record) {
    return { title: "Delete from the server?", text: named(record) + " will be deleted from the server for good, and "
        + "forgotten by this device. This cannot be undone.", yes: "Delete from the server" };
}

/** "Delete from the server": under way, then its outcome (queue.erase's). */
export function erasing(record) {
    return { kind: "info", text: "Deleting " + named(record) + " from the server…" };
}

export function erased(record, result) {
    if (result.outcome === "failed") {
        return { kind: "error", text: "Could not delete " + named(record) + " from the server: "
            + problemText(result.problem)
            + (result.problem && result.problem.reference ? " Reference: " + result.problem.reference + "." : "")
            + " It is still there and still on this device; try again later." };
    }
    return { kind: "success", text: named(record) + (result.outcome === "deleted"
        ? " was deleted from the server and from this device."
        : " was no longer on the server; this device has forgotten it too.") };
}

/** The form's own check found problems (by field, in field order). */
export function notAdded(problems) {
    return { kind: "error", text: "Not added: " + problems.join(" ") };
}

/** The device could not store a submission: nothing was sent, the form still holds it. */
export function notStored(error) {
    return { kind: "error", text: "This entry could not be stored on this device (" + (error && error.message
        ? error.message : error) + "): nothing was sent, and it is still in the form." };
}
