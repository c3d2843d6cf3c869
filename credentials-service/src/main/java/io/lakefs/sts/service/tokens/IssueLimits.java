package io.lakefs.sts.service.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of the service's tokens one user may hold and obtain: a cap on live tokens and a rate of issuance
 * (a bucket per user, refilled evenly over a minute), so that one key cannot fill the heap or ZooKeeper with
 * tokens that each live for the renew interval.
 */
public final class IssueLimits {
  private static final Duration PERIOD = Duration.ofMinutes(1);

  private final Settings settings;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param maxLiveTokensPerUser tokens one user may hold at once
   * @param issuesPerMinute tokens one user may obtain per minute (and at once)
   */
  public record Settings(int maxLiveTokensPerUser, int issuesPerMinute) {
  }

  /** Why a user may not obtain a token now, and when to try again. */
  public record Refusal(String message, Duration retryAfter) {
  }

  public IssueLimits(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Takes one issuance of {@code user}'s allowance, or says why not. */
  public Optional<Refusal> admit(String user, ScopedTokens tokens) {
    Instant now = clock.instant();
    ScopedTokens.LiveTokens live = tokens.liveTokensOf(user, now);
    if (live.count() >= settings.maxLiveTokensPerUser()) {
      Duration untilOneExpires = live.firstExpiry().map(expiry -> Duration.between(now, expiry)).orElse(PERIOD);
      return Optional.of(new Refusal(user + " holds " + live.count() + " live delegation tokens of this service,"
          + " the most one user may hold; cancel those no longer needed (op=CANCELDELEGATIONTOKEN) or wait until one"
          + " expires", untilOneExpires));
    }
    Duration wait = buckets.computeIfAbsent(user, u -> new Bucket(settings.issuesPerMinute(), now)).take(now);
    if (!wait.isZero()) {
      return Optional.of(new Refusal(user + " obtained " + settings.issuesPerMinute() + " delegation tokens within"
          + " the last minute, the most one user may; a job needs one token, kept and renewed", wait));
    }
    return Optional.empty();
  }

  /** A token bucket: {@code capacity} issuances, refilled evenly over {@link #PERIOD}. */
  private static final class Bucket {
    private final int capacity;
    private double available;
    private Instant updated;

    Bucket(int capacity, Instant now) {
      this.capacity = capacity;
      this.available = capacity;
      this.updated = now;
    }

    /** Zero when an issuance was taken; else how long until one is available. */
    synchronized Duration take(Instant now) {
      double perNano = capacity / (double) PERIOD.toNanos();
      available = Math.min(capacity, available + Duration.between(updated, now).toNanos() * perNano);
      updated = now;
      if (available >= 1) {
        available -= 1;
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil((1 - available) / perNano));
    }
  }
}
