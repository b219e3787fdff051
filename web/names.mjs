// The name rules: the server's (NewPwaUser.nameProblem), in the server's order and words, with the data of
// limits.json. The shared cases in function/src/test/resources/name-cases.json hold both sides to them.

export const FIELDS = Object.freeze(["fname", "lname"]);
export const FIELD_LABELS = Object.freeze({ fname: "First name", lname: "Last name" });

const CONTROL = /\p{Cc}/u;
const LINE_BREAK = /[\p{Zl}\p{Zp}]/u;
const SPACE = /\p{Z}/u;
/** Letters, numbers, punctuation and symbols (general categories L, N, P, S): what can make a name visible. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const compiled = new WeakMap();

/** limits.json's code point ranges ("202A..202E", "061C") as a test on one code point; nothing when absent. */
function codePointTest(ranges) {
    const bounds = (Array.isArray(ranges) ? ranges : []).map((range) => {
        const [first, last] = String(range).split("..").map((hex) => parseInt(hex, 16));
        return [first, last === undefined ? first : last];
    });
    return (cp) => bounds.some(([first, last]) => cp >= first && cp <= last);
}

/** The rules' data from limits.json (compiled once per object); limits may be null: then only the server has it. */
function rules(limits) {
    if (!limits || typeof limits !== "object") {
        return { maxLength: null, bidiControl: codePointTest(null), invisible: codePointTest(null) };
    }
    let compiledRules = compiled.get(limits);
    if (!compiledRules) {
        compiledRules = {
            maxLength: Number.isInteger(limits.maxNameLength) ? limits.maxNameLength : null,
            bidiControl: codePointTest(limits.nameBidiControls),
            invisible: codePointTest(limits.nameInvisible)
        };
        compiled.set(limits, compiledRules);
    }
    return compiledRules;
}

/**
 * What is wrong with a name, as the end of a sentence that starts with the field ("must not be blank"), or null.
 * limits may be null (limits.json could not be read): then the length, the bidi controls and the invisible
 * characters that are letters by category (the Hangul fillers) are left to the server.
 */
function nameProblem(value, limits) {
    if (typeof value !== "string" || value.length === 0) {
        return "is required";
    }
    const r = rules(limits);
    let unpairedSurrogate = false;
    let control = false;
    let lineBreak = false;
    let noncharacter = false;
    let bidiControl = false;
    let onlySpaces = true;
    let visible = false;
    let length = 0;
    for (const character of value) { // by code point, as the server counts: 李 and 😀 are one; a lone surrogate too
        const cp = character.codePointAt(0);
        unpairedSurrogate = unpairedSurrogate || (cp >= 0xD800 && cp <= 0xDFFF);
        control = control || CONTROL.test(character);
        lineBreak = lineBreak || LINE_BREAK.test(character);
        // U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, ... U+10FFFF)
        noncharacter = noncharacter || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) === 0xFFFE;
        bidiControl = bidiControl || r.bidiControl(cp);
        onlySpaces = onlySpaces && SPACE.test(character);
        visible = visible || (VISIBLE.test(character) && !r.invisible(cp));
        length++;
    }
    if (unpairedSurrogate) {
        return "must be valid Unicode text (it has an unpaired surrogate)";
    } else if (control) {
        return "must not contain control characters";
    } else if (lineBreak) {
        return "must not contain line or paragraph separators";
    } else if (noncharacter) {
        return "must not contain Unicode noncharacters";
    } else if (bidiControl) {
        return "must not contain bidirectional control characters";
    } else if (onlySpaces) {
        return "must not be blank";
    } else if (!visible) {
        return "must contain a visible letter, digit or symbol";
    } else if (r.maxLength !== null && length > r.maxLength) {
        return "must be at most " + r.maxLength + " characters long";
    }
    return null;
}

/** The problem with one name as a sentence ("First name must not be blank."), or null when it is fine. */
export function checkName(field, value, limits) {
    const problem = nameProblem(value, limits);
    return problem ? (FIELD_LABELS[field] || field) + " " + problem + "." : null;
}

/** Problems with a form ({fname, lname}), by field: {} when both names are fine. */
export function validate(form, limits) {
    const errors = {};
    for (const field of FIELDS) {
        const problem = checkName(field, form[field], limits);
        if (problem) {
            errors[field] = problem;
        }
    }
    return errors;
}
