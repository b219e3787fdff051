package pwausers.function.api;

import java.util.Map;
import pwausers.function.contract.Limits;
import pwausers.function.contract.RequestFields;
import pwausers.function.domain.InvalidInputException;
import pwausers.function.domain.NewPwaUser;
import pwausers.function.json.Json;
import pwausers.function.json.JsonException;

/**
 * Turns the request body {@code {"fname": "...", "lname": "..."}} into a {@link NewPwaUser}. A repeated field
 * (at any depth), trailing content or a value of the wrong type is refused; unknown fields are ignored.
 */
final class SubmissionParser {
    private SubmissionParser() {
    }

    /**
     * @throws HttpError             400 when the body is not one JSON object
     * @throws InvalidInputException when a field breaks a rule
     */
    static NewPwaUser parse(String body) {
        Object root;
        try {
            root = Json.parse(body);
        } catch (JsonException e) {
            throw new HttpError(400, switch (e.problem()) {
                case DUPLICATE_FIELD -> "Request body must not repeat a field";
                case TRAILING_CONTENT -> "Request body must be a single JSON object";
                case TOO_DEEP -> "Request body must not nest arrays or objects more than " + Limits.MAX_JSON_DEPTH
                        + " deep";
                case NUMBER_TOO_LONG -> "Request body must not hold a number longer than "
                        + Limits.MAX_JSON_NUMBER_LENGTH + " characters";
                case NOT_JSON -> "Request body must be valid JSON";
            });
        }
        if (!(root instanceof Map<?, ?> fields)) {
            throw new HttpError(400, "Request body must be a JSON object");
        }
        return new NewPwaUser(string(fields, RequestFields.FIRSTNAME), string(fields, RequestFields.LASTNAME));
    }

    /** The field's text, or null when it is absent (the rules of NewPwaUser say what is required). */
    private static String string(Map<?, ?> fields, String field) {
        Object value = fields.get(field);
        if (value != null && !(value instanceof String)) {
            throw new InvalidInputException(field, field + " must be a string");
        }
        return (String) value;
    }
}
