package pwausers.function.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pwausers.function.contract.Limits;

/**
 * What the function relies on from the SDK's shaded Jackson, through {@link Json}. The SDK promises none of it: an
 * SDK upgrade that changes a behaviour fails here, loudly, before it reaches a request.
 */
class JsonTest {
    @Test
    void readsEveryKindOfValue_intoPlainJava_inOrder() throws JsonException {
        Object value = Json.parse("{\"s\":\"é😀\",\"i\":-12,\"f\":1e400,\"big\":123456789012345678901234567890,"
                + "\"t\":true,\"no\":false,\"n\":null,\"a\":[1,\"x\",{}],\"o\":{\"k\":\"v\"}}");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> fields = (Map<?, ?>) value;
        assertThat(List.copyOf(fields.keySet())).isEqualTo(List.of("s", "i", "f", "big", "t", "no", "n", "a", "o"));
        assertThat(fields.get("s")).isEqualTo("é😀");
        assertThat(fields.get("i")).isEqualTo(new Json.Number("-12"));
        assertThat(fields.get("f")).as("never converted, so never out of range").isEqualTo(new Json.Number("1e400"));
        assertThat(fields.get("big")).isEqualTo(new Json.Number("123456789012345678901234567890"));
        assertThat(fields.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(fields.get("no")).isEqualTo(Boolean.FALSE);
        assertThat(fields.get("n")).isSameAs(Json.NULL);
        assertThat(fields.get("a")).isEqualTo(List.of(new Json.Number("1"), "x", Map.of()));
        assertThat(fields.get("o")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void escapes_andLoneSurrogatesWrittenAsEscapes_areRead() throws JsonException {
        assertThat(Json.parse("\"a\\\"b\\\\c\\u0000\\ud800\\n\"")).isEqualTo("a\"b\\c\u0000\ud800\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "[{\"x\":[],\"x\":[]}]"})
    void aFieldRepeatedInAnyObject_isRefused(String json) {
        assertThatThrownBy(() -> Json.parse(json)).isInstanceOfSatisfying(JsonException.class,
                e -> assertThat(e.problem()).isEqualTo(JsonException.Problem.DUPLICATE_FIELD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "\"a\" \"b\"", "[] 1", "null null"})
    void aSecondValue_isRefused(String json) {
        assertThatThrownBy(() -> Json.parse(json)).isInstanceOfSatisfying(JsonException.class,
                e -> assertThat(e.problem()).isEqualTo(JsonException.Problem.TRAILING_CONTENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\"}", "{\"a\":}", "[1,]", "{'a':1}", "{a:1}", "NaN", "01", "\"\\x\"",
            "{} x", "\ufeff{}", "\"tab\there\""})
    void whatIsNotJson_isRefused(String json) {
        assertThatThrownBy(() -> Json.parse(json)).isInstanceOfSatisfying(JsonException.class,
                e -> assertThat(e.problem()).isEqualTo(JsonException.Problem.NOT_JSON));
    }

    @Test
    void nestingUpToTheLimit_isRead_deeperIsRefusedAsTooDeep_neverAStackOverflow() throws JsonException {
        int limit = Limits.MAX_JSON_DEPTH;
        assertThat(Json.parse("[".repeat(limit) + "]".repeat(limit))).isInstanceOf(List.class);
        assertThat(Json.parse("{\"a\":".repeat(limit) + "1" + "}".repeat(limit))).isInstanceOf(Map.class);
        for (String tooDeep : List.of("[".repeat(limit + 1) + "]".repeat(limit + 1),
                "{\"a\":".repeat(limit) + "[]" + "}".repeat(limit),
                "[".repeat(8_000) + "]".repeat(8_000), "[".repeat(100_000) + "]".repeat(100_000),
                "[".repeat(limit + 1))) {
            assertThatThrownBy(() -> Json.parse(tooDeep)).isInstanceOfSatisfying(JsonException.class,
                    e -> assertThat(e.problem()).isEqualTo(JsonException.Problem.TOO_DEEP));
        }
    }

    @Test
    void numbersUpToTheLimit_areRead_longerOnesAreRefusedAsTooLong_evenBeyondTheParsersOwnLimit()
            throws JsonException {
        String longest = "9".repeat(Limits.MAX_JSON_NUMBER_LENGTH);
        assertThat(Json.parse("[" + longest + "]")).isEqualTo(List.of(new Json.Number(longest)));
        assertThat(Json.parse("-1." + "5".repeat(Limits.MAX_JSON_NUMBER_LENGTH - 3)))
                .isEqualTo(new Json.Number("-1." + "5".repeat(Limits.MAX_JSON_NUMBER_LENGTH - 3)));
        for (String tooLong : List.of("9".repeat(Limits.MAX_JSON_NUMBER_LENGTH + 1),
                "{\"fname\":" + "1".repeat(16_000) + "}", "[0." + "1".repeat(2_000) + "e5]")) {
            assertThatThrownBy(() -> Json.parse(tooLong)).isInstanceOfSatisfying(JsonException.class,
                    e -> assertThat(e.problem()).isEqualTo(JsonException.Problem.NUMBER_TOO_LONG));
        }
    }

    @Test
    void aStringAsLargeAsLambdasLargestEvent_isRead() throws JsonException {
        String sixMegabytes = "x".repeat(6 * 1024 * 1024);

        assertThat(Json.parse("{\"body\":\"" + sixMegabytes + "\"}")).isEqualTo(Map.of("body", sixMegabytes));
    }

    @Test
    void aRefusal_neverQuotesTheDocument_itMayHoldPersonalData() {
        for (String json : List.of("{\"fname\":Mickey}", "{\"fname\":\"Mickey\",\"fname\":\"Mickey\"}",
                "{\"fname\":\"Mickey\"} Mickey", "{\"fname\":\"Mickey\"} {\"Mickey\":1}")) {
            assertThatThrownBy(() -> Json.parse(json)).isInstanceOfSatisfying(JsonException.class, e -> {
                assertThat(e.getCause()).isNull();
                assertThat(e.toString()).doesNotContain("Mickey");
            });
        }
    }

    @Test
    void writesObjects_nested_withStringsEscaped_andUnicodeAsIs() {
        String json = Json.object()
                .field("s", "quote \" backslash \\ newline \n nul \u0000 é 李 😀")
                .field("n", 201)
                .field("d", 0.25)
                .field("b", false)
                .field("none", (String) null)
                .object("o").field("k", "v").end()
                .field("after", "x")
                .text();

        assertThat(json).isEqualTo("{\"s\":\"quote \\\" backslash \\\\ newline \\n nul \\u0000 é 李 😀\",\"n\":201,"
                + "\"d\":0.25,\"b\":false,\"none\":null,\"o\":{\"k\":\"v\"},\"after\":\"x\"}");
    }

    @Test
    void writesArrays_ofStringsObjectsAndArrays() throws JsonException {
        String json = Json.object()
                .array("a").value("x").element().field("k", 1).end().elementArray().value("y").endArray().endArray()
                .field("after", true)
                .text();

        assertThat(json).isEqualTo("{\"a\":[\"x\",{\"k\":1},[\"y\"]],\"after\":true}");
        assertThat(Json.object().object("o").array("open").element().text()).as("closed in order")
                .isEqualTo("{\"o\":{\"open\":[{}]}}");
    }

    @Test
    void text_closesWhatIsStillOpen_andReadsBackAsWritten() throws JsonException {
        String json = Json.object().field("a", "1").object("o").field("b", "2").text();

        assertThat(Json.parse(json)).isEqualTo(Map.of("a", "1", "o", Map.of("b", "2")));
    }
}
