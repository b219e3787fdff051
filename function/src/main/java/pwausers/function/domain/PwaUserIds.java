package pwausers.function.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes ids: 16 random bytes from a secure source, URL-safe base64 without padding (22 characters). */
@FunctionalInterface
public interface PwaUserIds {
    int RANDOM_BYTES = 16;

    String next();

    static PwaUserIds secureRandom() {
        SecureRandom random = new SecureRandom();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return () -> {
            byte[] bytes = new byte[RANDOM_BYTES];
            random.nextBytes(bytes);
            return encoder.encodeToString(bytes);
        };
    }
}
