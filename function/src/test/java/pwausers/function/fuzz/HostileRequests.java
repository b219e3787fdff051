package pwausers.function.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;
import pwausers.function.contract.HeaderNames;

/**
 * Malformed and hostile requests to {@code /pwausers}: random bytes, truncated and deeply nested JSON, huge
 * strings, wrong types, odd Unicode (lone surrogates, zero-width and bidi marks, combining marks), duplicate keys,
 * wrong or missing content types, bad base64, odd methods, paths and headers, next to valid-looking ones; and to
 * {@code /pwausers/{id}}: ids of every wrong shape, percent-encoded as a client sends them, unknown ids, and the id of
 * an entry that exists ({@link FuzzRequest#EXISTING_ID}, which the test replaces), with every method.
 */
public final class HostileRequests {
    private static final List<String> ODD_CHARACTERS = List.of("\\ud800", "\\udfff", "\\ud83d", "\u200b", "\u200d",
            "\u202e", "\u2066", "\ufeff", "\u0301", "\uffff", "\\u0000", "\\n", "\\t", "\\u001b", "\u0085", "\u00a0",
            "😀", "李", "é", "Zoë", "\\\"", "\\\\", "\\/", "'", "<script>", "%00", "${jndi:x}");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "", "  ", "application/json, text/plain", "*/*",
            "application/jsonx", "application/problem+json", "multipart/form-data; boundary=x", "APPLICATION/JSON",
            "application/json; charset=utf-16", "text/json");
    private static final List<String> OTHER_METHODS = List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
            "post", "TRACE");
    /** What may stand in an id's place, as a client writes it in a URL (percent-encoding what a path cannot hold). */
    private static final List<String> ID_PIECES = List.of("%2F", "%2f", "%41", "%25", "%00", "%20", "%C3%A9",
            "%F0%9F%98%80", "%E2%80%AE", "+", "=", ".", "..", "~", "!", "$", "'", "(", ")", "*", ",", ";",
            ":", "@", "&");
    private static final List<String> OTHER_PATHS = List.of("/pwausers/", "/PWAUSERS", "/pwausers/x",
            "/pwausers/../pwausers", "/", "/users", "/pwausers%20", "/pwausers;x");

    private HostileRequests() {
    }

    /** Every kind of hostile request, mixed: mostly submissions, some to an entry. */
    public static Arbitrary<FuzzRequest> all() {
        return Arbitraries.frequencyOf(Tuple.of(4, submissions()), Tuple.of(1, entries()));
    }

    /** Hostile submissions to {@code POST /pwausers}, with now and then another method or path. */
    static Arbitrary<FuzzRequest> submissions() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, oddNames()),
                Tuple.of(2, wrongTypes()),
                Tuple.of(2, truncatedJson()),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, hugeStrings()),
                Tuple.of(2, randomBytes()),
                Tuple.of(1, duplicateKeys()),
                Tuple.of(1, badBase64()),
                Tuple.of(1, mutatedJson()))
                .flatMap(request -> Combinators.combine(methods(), paths(), contentTypes(), oddHeaders())
                        .as((method, path, contentType, headers) -> {
                            Map<String, String> all = new java.util.LinkedHashMap<>(headers);
                            if (contentType != null) {
                                all.put(HeaderNames.CONTENT_TYPE, contentType);
                            }
                            return request.with(method, path, all);
                        }));
    }

    /**
     * Requests to one entry: GET and DELETE mostly, any method now and then; the id of an entry that exists, an
     * unknown one, or one of a wrong shape (a client percent-encodes what a path cannot hold); a trailing slash or
     * more segments now and then.
     */
    static Arbitrary<FuzzRequest> entries() {
        Arbitrary<String> methods = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("GET")),
                Tuple.of(5, Arbitraries.just("DELETE")), Tuple.of(1, Arbitraries.of(OTHER_METHODS)));
        StringArbitrary base64 = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z')
                .withCharRange('0', '9').withChars("-_");
        Arbitrary<String> piece = Arbitraries.oneOf(base64.ofMinLength(1).ofMaxLength(4),
                Arbitraries.of(ID_PIECES));
        Arbitrary<String> ids = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(FuzzRequest.EXISTING_ID)),
                Tuple.of(2, base64.ofLength(22)),
                Tuple.of(2, base64.ofMaxLength(40)),
                Tuple.of(3, piece.list().ofMaxSize(12).map(parts -> String.join("", parts))));
        Arbitrary<String> suffixes = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("/", "//", "/x", "/Firstname", "/..")));
        return Combinators.combine(methods, ids, suffixes, oddHeaders())
                .as((method, id, suffix, headers) -> new FuzzRequest(method, "/pwausers/" + id + suffix, headers,
                        null, FuzzRequest.Encoding.TEXT, "entry"));
    }

    /** Mostly the route's own POST /pwausers, so that most requests reach the function. */
    private static Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("POST")),
                Tuple.of(1, Arbitraries.of(OTHER_METHODS)));
    }

    private static Arbitrary<String> paths() {
        return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("/pwausers")),
                Tuple.of(1, Arbitraries.of(OTHER_PATHS)));
    }

    private static Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(Arbitraries.of(CONTENT_TYPES), Arbitraries.just(null), Arbitraries.just(null));
    }

    private static Arbitrary<Map<String, String>> oddHeaders() {
        Arbitrary<String> names = Arbitraries.of("X-Forwarded-For", "idempotency-key", "IDEMPOTENCY-KEY", "X-Odd",
                "Accept", "Origin", "Authorization");
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(300),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(200).ofMaxLength(600),
                Arbitraries.of("", " ", "null", "0", "k", "00000000-0000-0000-0000-000000000000"));
        return Arbitraries.maps(names, values).ofMaxSize(3);
    }

    private static String quoted(String content) {
        return "\"" + content + "\"";
    }

    private static Arbitrary<String> oddText() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(ODD_CHARACTERS),
                Arbitraries.strings().alpha().ofMaxLength(5), Arbitraries.strings().all().ofMaxLength(3)
                        .map(s -> s.replace("\\", "\\\\").replace("\"", "\\\"")));
        return piece.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private static FuzzRequest json(String kind, String body) {
        return new FuzzRequest("POST", "/pwausers", Map.of(), body.getBytes(StandardCharsets.UTF_8),
                FuzzRequest.Encoding.TEXT, kind);
    }

    static Arbitrary<FuzzRequest> oddNames() {
        return Combinators.combine(oddText(), oddText())
                .as((f, l) -> json("odd-names", "{\"fname\":" + quoted(f) + ",\"lname\":" + quoted(l) + "}"));
    }

    static Arbitrary<FuzzRequest> wrongTypes() {
        Arbitrary<String> values = Arbitraries.of("1", "-0.5e10", "1e400", "true", "false", "null", "[]", "{}",
                "[\"Mickey\"]", "{\"a\":\"b\"}", "\"Mickey\"", "\"\"", "123456789012345678901234567890");
        return Combinators.combine(values, values, Arbitraries.of("fname", "FNAME", "f name", "lname", ""))
                .as((f, l, key) -> json("wrong-types", "{\"" + key + "\":" + f + ",\"lname\":" + l + "}"));
    }

    static Arbitrary<FuzzRequest> truncatedJson() {
        String valid = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\",\"extra\":[1,2,{\"x\":null}]}";
        return Arbitraries.integers().between(0, valid.length() - 1)
                .map(cut -> json("truncated", valid.substring(0, cut)));
    }

    static Arbitrary<FuzzRequest> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 6000), Arbitraries.of("[", "{\"fname\":", "{\"a\":"))
                .as((depth, open) -> json("deep", open.repeat(depth)
                        + (open.equals("[") ? "]".repeat(depth) : "1" + "}".repeat(depth))));
    }

    static Arbitrary<FuzzRequest> hugeStrings() {
        return Combinators.combine(Arbitraries.integers().between(90, 20_000), Arbitraries.of("a", "李", "😀", " ", "\u0301"))
                .as((n, c) -> json("huge", "{\"fname\":\"" + c.repeat(n) + "\",\"lname\":\"Mouse\"}"));
    }

    static Arbitrary<FuzzRequest> randomBytes() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(20_000), Arbitraries.of(true, false))
                .as((bytes, base64) -> new FuzzRequest("POST", "/pwausers", Map.of(), base64 ? bytes
                        : new String(bytes, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8),
                        base64 ? FuzzRequest.Encoding.BASE64 : FuzzRequest.Encoding.TEXT, "bytes"));
    }

    static Arbitrary<FuzzRequest> duplicateKeys() {
        return Arbitraries.of("fname", "lname", "other").map(key ->
                json("duplicate", "{\"fname\":\"A\",\"lname\":\"B\",\"" + key + "\":\"C\",\"" + key + "\":\"D\"}"));
    }

    static Arbitrary<FuzzRequest> badBase64() {
        return Arbitraries.strings().withChars("A-Za-z0-9+/=%$ \n-_").ofMaxLength(200)
                .map(s -> new FuzzRequest("POST", "/pwausers", Map.of(), s.getBytes(StandardCharsets.US_ASCII),
                        FuzzRequest.Encoding.TEXT_FLAGGED_BASE64, "bad-base64"));
    }

    static Arbitrary<FuzzRequest> mutatedJson() {
        String valid = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
        return Combinators.combine(Arbitraries.integers().between(0, valid.length()),
                        Arbitraries.chars().with('{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', 'x', ' '))
                .as((at, c) -> json("mutated", valid.substring(0, at) + c + valid.substring(at)));
    }
}
