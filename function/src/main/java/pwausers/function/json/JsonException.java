package pwausers.function.json;

/** A text that {@link Json#parse} refuses; the message names the problem and never quotes the text. */
public final class JsonException extends Exception {
    /** What is wrong with the text. */
    public enum Problem {
        /** Not JSON at all, or too large for the parser's limits. */
        NOT_JSON,
        /** Arrays and objects nested deeper than {@link pwausers.function.contract.Limits#MAX_JSON_DEPTH}. */
        TOO_DEEP,
        /** A number longer than {@link pwausers.function.contract.Limits#MAX_JSON_NUMBER_LENGTH} characters. */
        NUMBER_TOO_LONG,
        /** An object names a field twice. */
        DUPLICATE_FIELD,
        /** More after the first value. */
        TRAILING_CONTENT
    }

    private final Problem problem;

    JsonException(Problem problem) {
        super(problem.name(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
