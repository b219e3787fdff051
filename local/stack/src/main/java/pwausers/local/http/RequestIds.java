package pwausers.local.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids as Lambda and API Gateway make them: random (version 4) UUIDs. They are not secrets, so they come
 * from ThreadLocalRandom: UUID.randomUUID's SecureRandom is shared by every thread, behind a lock.
 */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
