package io.lakefs.sts.service.sts;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry n the issuer waits a uniformly random time between 0 and
 * min(max, base * 2^(n-1)). Full jitter spreads the retries of many requests throttled at the same moment, so
 * they do not come back at STS together (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
final class Backoff {
  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;

  /** @param random uniform in [0, 1) */
  Backoff(Duration base, Duration max, DoubleSupplier random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** How long to wait after {@code failedAttempts} attempts (at least 1) before the next one. */
  Duration delayBeforeRetry(int failedAttempts) {
    return Duration.ofNanos((long) (ceiling(failedAttempts).toNanos() * random.getAsDouble()));
  }

  /** The longest {@link #delayBeforeRetry} may be after {@code failedAttempts} attempts. */
  Duration ceiling(int failedAttempts) {
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
    Duration ceiling = base.multipliedBy(1L << doublings);
    return ceiling.compareTo(max) > 0 ? max : ceiling;
  }

  /** What to tell a caller when retries ran out: the wait the next retry would have had at most. */
  Duration retryAfter(int failedAttempts) {
    return ceiling(failedAttempts + 1);
  }
}
