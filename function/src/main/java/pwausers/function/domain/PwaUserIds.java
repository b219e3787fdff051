package pwausers.function.domain;

/** Makes ids: 16 random bytes from a secure source, URL-safe base64 without padding (22 characters). */
@FunctionalInterface
public interface PwaUserIds {
    int RANDOM_BYTES = 16;
    /** Characters of an id: 16 bytes in base64 without padding. */
    int LENGTH = 22;

    String next();

    /** Ids from a {@link java.security.SecureRandom} that can be renewed (after a SnapStart restore). */
    static SecureRandomIds secureRandom() {
        return new SecureRandomIds();
    }

    /**
     * Checks that a client's id has the shape of the ids made here, before it reaches the store.
     *
     * @throws InvalidInputException when it is not {@value #LENGTH} characters of URL-safe base64 (A-Z, a-z, 0-9,
     *                               {@code -} and {@code _})
     */
    static String requireWellFormed(String id) {
        boolean wellFormed = id != null && id.length() == LENGTH && id.chars().allMatch(c -> c >= 'A' && c <= 'Z'
                || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
        if (!wellFormed) {
            throw new InvalidInputException(null,
                    "An id is " + LENGTH + " characters of URL-safe base64 (A-Z, a-z, 0-9, - and _)");
        }
        return id;
    }
}
