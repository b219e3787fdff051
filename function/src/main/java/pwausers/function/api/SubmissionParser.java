package pwausers.function.api;

import java.io.IOException;
import pwausers.function.domain.InvalidInputException;
import pwausers.function.domain.NewPwaUser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.core.StreamReadFeature;

/**
 * Turns the request body {@code {"fname": "...", "lname": "..."}} into a {@link NewPwaUser}. One streaming pass:
 * a duplicate key, trailing content or a value of the wrong type is refused; unknown fields are skipped.
 */
final class SubmissionParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SubmissionParser() {
    }

    /**
     * @throws HttpError             400 when the body is not one JSON object
     * @throws InvalidInputException when a field breaks a rule
     */
    static NewPwaUser parse(String body) {
        String firstname = null;
        String lastname = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpError(400, "Request body must be a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (NewPwaUser.FIRSTNAME_FIELD.equals(field)) {
                    firstname = stringValue(parser, value, field);
                } else if (NewPwaUser.LASTNAME_FIELD.equals(field)) {
                    lastname = stringValue(parser, value, field);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new HttpError(400, "Request body must be a single JSON object");
            }
        } catch (IOException e) { // JsonParseException and StreamConstraintsException (nesting, sizes) among them
            boolean duplicate = String.valueOf(e.getMessage()).startsWith("Duplicate field");
            throw new HttpError(400, duplicate
                    ? "Request body must not repeat a field" : "Request body must be valid JSON");
        }
        return new NewPwaUser(firstname, lastname);
    }

    private static String stringValue(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(field, field + " must be a string");
        }
        return parser.getText();
    }
}
