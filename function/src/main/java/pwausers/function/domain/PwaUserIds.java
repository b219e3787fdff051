package pwausers.function.domain;

/** Makes ids: 16 random bytes from a secure source, URL-safe base64 without padding (22 characters). */
@FunctionalInterface
public interface PwaUserIds {
    int RANDOM_BYTES = 16;

    String next();

    /** Ids from a {@link java.security.SecureRandom} that can be renewed (after a SnapStart restore). */
    static SecureRandomIds secureRandom() {
        return new SecureRandomIds();
    }
}
