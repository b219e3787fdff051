package pwausers.function.domain;

/** A submission broke a rule; the message names the field and the rule and is safe to show to the user. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The offending field of the body, or header (Idempotency-Key); null when it is the request as a whole. */
    public String field() {
        return field;
    }
}
