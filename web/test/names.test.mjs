// The page's name rules (names.mjs) against the cases the function's own test reads: same verdicts, same words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkName, FIELD_LABELS, validate } from "../names.mjs";

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const limits = read("../limits.json");
const cases = read("../../function/src/test/resources/name-cases.json").cases;

test("every shared name case gets the server's verdict, in the server's words", () => {
    assert.ok(cases.length > 20);
    for (const c of cases) {
        const name = c.name.repeat(c.repeat || 1);
        for (const field of ["fname", "lname"]) {
            assert.equal(checkName(field, name, limits), c.accepted ? null : FIELD_LABELS[field] + " " + c.refused + ".",
                c.what + " as " + field);
        }
    }
});

test("without limits.json, the length is left to the server", () => {
    assert.equal(checkName("fname", "a".repeat(limits.maxNameLength + 1), null), null);
    assert.match(checkName("fname", "a".repeat(limits.maxNameLength + 1), limits), /at most/);
});

test("a form's problems by field", () => {
    assert.deepEqual(validate({ fname: "Mickey", lname: "Mouse" }, limits), {});
    assert.deepEqual(Object.keys(validate({ fname: " ", lname: "" }, limits)), ["fname", "lname"]);
});
