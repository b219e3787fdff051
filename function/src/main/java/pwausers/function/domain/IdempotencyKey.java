package pwausers.function.domain;

import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.IdempotencyKeys;

/** A client's Idempotency-Key, as {@link IdempotencyKeys} says it may be. */
public record IdempotencyKey(String value) {
    public IdempotencyKey {
        if (!IdempotencyKeys.isValid(value)) {
            throw new InvalidInputException(HeaderNames.IDEMPOTENCY_KEY, IdempotencyKeys.RULE);
        }
    }
}
