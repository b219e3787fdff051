package pwausers.function.json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pwausers.function.contract.Limits;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.core.StreamReadConstraints;
import software.amazon.awssdk.thirdparty.jackson.core.StreamReadFeature;

/**
 * Every JSON read and write of the function (Lambda's events and answers, request bodies, log lines), and the one
 * class that uses the AWS SDK's shaded copy of Jackson's streaming parser and generator. The DynamoDB client loads
 * that copy anyway; the public jackson-core would be a second one, about 75 more classes and 50 ms more CPU at a
 * cold start (docs/performance.md). The SDK promises nothing about its shaded Jackson, so JsonTest pins down every
 * behaviour relied on here (limits, errors that quote nothing): an SDK upgrade that changes one fails there.
 *
 * <p>A document is read whole into plain Java values: {@code Map<String, Object>} (fields in order), {@code
 * List<Object>}, {@code String}, {@code Boolean}, {@link Number} (its text, never converted) and {@link #NULL}.
 * A field repeated in any object, content after the value, nesting deeper than {@link Limits#MAX_JSON_DEPTH}, a
 * number longer than {@link Limits#MAX_JSON_NUMBER_LENGTH} and anything that is not JSON are refused with a
 * {@link JsonException} that says which, and never quotes the document (it may hold personal data).
 */
public final class Json {
    /** JSON's {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number, kept as the text it was written as: the function never computes with one. */
    public record Number(String text) {
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // no document text in an exception's message
            // the limits are ours (Limits), checked as the document is read, so that a refusal names the one broken;
            // the parser's own number limit (1,000 characters) would come first and say only "not JSON". No number
            // is ever converted (Json.Number keeps its text), so a long one costs its reading alone.
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private Json() {
    }

    /**
     * Reads one JSON value.
     *
     * @throws JsonException when the text is not exactly one JSON value, or an object in it repeats a field
     */
    public static Object parse(String text) throws JsonException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonException(JsonException.Problem.NOT_JSON);
            }
            Object value = value(parser, first, 1);
            if (parser.nextToken() != null) {
                throw new JsonException(JsonException.Problem.TRAILING_CONTENT);
            }
            return value;
        } catch (IOException e) { // JsonParseException and StreamConstraintsException (nesting, sizes) among them;
            // not kept as the cause: its message quotes the document, which may hold personal data
            throw new JsonException(JsonException.Problem.NOT_JSON);
        }
    }

    /** The value that starts with this token, at this depth (the document's own value is at 1). */
    private static Object value(JsonParser parser, JsonToken token, int depth) throws IOException, JsonException {
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > Limits.MAX_JSON_DEPTH) {
            throw new JsonException(JsonException.Problem.TOO_DEEP);
        }
        switch (token) {
            case START_OBJECT:
                Map<String, Object> fields = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    if (fields.putIfAbsent(name, value(parser, parser.nextToken(), depth + 1)) != null) {
                        throw new JsonException(JsonException.Problem.DUPLICATE_FIELD);
                    }
                }
                return fields;
            case START_ARRAY:
                List<Object> elements = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    elements.add(value(parser, next, depth + 1));
                }
                return elements;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                if (parser.getTextLength() > Limits.MAX_JSON_NUMBER_LENGTH) {
                    throw new JsonException(JsonException.Problem.NUMBER_TOO_LONG);
                }
                return new Number(parser.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default: // END_OBJECT or END_ARRAY where a value belongs: the parser itself refuses those first
                throw new JsonException(JsonException.Problem.NOT_JSON);
        }
    }

    /** A JSON object to write, field after field. */
    public static ObjectWriter object() {
        return new ObjectWriter();
    }

    /**
     * Writes one JSON object: fields, nested objects ({@link #object(String)} ... {@link #end()}) and arrays
     * ({@link #array(String)} ... {@link #endArray()}, whose elements are {@link #value(String)}s, {@link #element()}
     * objects and {@link #elementArray()} arrays). Each step's IOException is unchecked in place, not through a lambda:
     * every lambda is a class made at its first use, on a cold start's path.
     */
    public static final class ObjectWriter {
        private final StringWriter text = new StringWriter(256);
        private final JsonGenerator generator;

        private ObjectWriter() {
            try {
                generator = FACTORY.createGenerator(text);
                generator.writeStartObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does not fail
            }
        }

        public ObjectWriter field(String name, String value) {
            try {
                generator.writeFieldName(name);
                if (value == null) {
                    generator.writeNull();
                } else {
                    generator.writeString(value);
                }
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public ObjectWriter field(String name, long value) {
            try {
                generator.writeNumberField(name, value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public ObjectWriter field(String name, double value) {
            try {
                generator.writeNumberField(name, value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public ObjectWriter field(String name, boolean value) {
            try {
                generator.writeBooleanField(name, value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Opens an object as the value of this field; its fields follow, until {@link #end()}. */
        public ObjectWriter object(String name) {
            try {
                generator.writeObjectFieldStart(name);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Closes the innermost open object. */
        public ObjectWriter end() {
            try {
                generator.writeEndObject();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Opens an array as the value of this field; its elements follow, until {@link #endArray()}. */
        public ObjectWriter array(String name) {
            try {
                generator.writeArrayFieldStart(name);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** In an array: opens an object element; its fields follow, until {@link #end()}. */
        public ObjectWriter element() {
            try {
                generator.writeStartObject();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** In an array: opens an array element; its elements follow, until {@link #endArray()}. */
        public ObjectWriter elementArray() {
            try {
                generator.writeStartArray();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** In an array: a string element. */
        public ObjectWriter value(String value) {
            try {
                generator.writeString(value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Closes the innermost open array. */
        public ObjectWriter endArray() {
            try {
                generator.writeEndArray();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Closes every array and object still open and returns the JSON text. */
        public String text() {
            try {
                while (!generator.getOutputContext().inRoot()) {
                    if (generator.getOutputContext().inArray()) {
                        generator.writeEndArray();
                    } else {
                        generator.writeEndObject();
                    }
                }
                generator.flush();
                return text.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
