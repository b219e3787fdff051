package pwausers.function.domain;

import java.time.Instant;

/** A stored submission. */
public record PwaUser(String id, String firstname, String lastname, Instant createdAt) {
}
