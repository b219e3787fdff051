package pwausers.function.domain;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Ids from a {@link SecureRandom}. {@link #renew()} replaces it with a freshly seeded one: after a SnapStart restore,
 * every instance restored from the same snapshot would otherwise start from the same random state (AWS's SnapStart
 * uniqueness guidance), and two of them could hand out the same id.
 */
public final class SecureRandomIds implements PwaUserIds {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Made on first use: seeding it loads the JDK's security providers, which a cold start can do aside. */
    private volatile SecureRandom random;

    @Override
    public String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random().nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    private SecureRandom random() {
        SecureRandom current = random;
        if (current == null) {
            synchronized (this) {
                current = random;
                if (current == null) {
                    current = new SecureRandom();
                    random = current;
                }
            }
        }
        return current;
    }

    /** From now on, ids come from a new SecureRandom, seeded from the operating system's entropy now. */
    public void renew() {
        random = new SecureRandom();
    }
}
