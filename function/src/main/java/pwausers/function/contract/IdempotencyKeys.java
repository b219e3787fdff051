package pwausers.function.contract;

/**
 * The rules of an {@link HeaderNames#IDEMPOTENCY_KEY}: 1 to {@link Limits#IDEMPOTENCY_KEY_MAX_LENGTH} printable
 * ASCII characters, not all spaces, such as a UUID. A key is remembered {@link Limits#IDEMPOTENCY_TTL_HOURS} hours.
 */
public final class IdempotencyKeys {
    /** What a 400 says of a key that breaks the rules. */
    public static final String RULE = HeaderNames.IDEMPOTENCY_KEY + " must be 1 to " + Limits.IDEMPOTENCY_KEY_MAX_LENGTH
            + " printable ASCII characters, such as a UUID";

    private IdempotencyKeys() {
    }

    /** Whether the function accepts this value as a key. */
    public static boolean isValid(String value) {
        return value != null && !value.isBlank() && value.length() <= Limits.IDEMPOTENCY_KEY_MAX_LENGTH
                && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
