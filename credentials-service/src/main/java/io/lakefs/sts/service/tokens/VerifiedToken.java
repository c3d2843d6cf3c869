package io.lakefs.sts.service.tokens;

import java.time.Instant;

/**
 * A delegation token the service checked: signed by it, not altered, neither cancelled nor expired.
 *
 * @param expiry when it expires unless renewed (never after its maximum lifetime)
 */
public record VerifiedToken(ScopedTokenIdentifier identifier, Instant expiry) {
}
