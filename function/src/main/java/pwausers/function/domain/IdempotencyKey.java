package pwausers.function.domain;


/** A client's Idempotency-Key: 1 to {@link Limits#IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters. */
public record IdempotencyKey(String value) {
    public static final String HEADER = "Idempotency-Key";

    public IdempotencyKey {
        boolean printable = value != null && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (value == null || value.isBlank() || value.length() > Limits.IDEMPOTENCY_KEY_MAX_LENGTH || !printable) {
            throw new InvalidInputException(null, HEADER + " must be 1 to " + Limits.IDEMPOTENCY_KEY_MAX_LENGTH
                    + " printable ASCII characters, such as a UUID");
        }
    }
}
