package io.lakefs.sts.service.sts;

import java.time.Duration;

/**
 * The delegation token the caller presented expires before the shortest credentials STS issues (15 minutes)
 * would, and credentials must never outlive the token they were issued on.
 */
public final class TokenExpiresTooSoonException extends CredentialsRequestException {
  private final Duration remaining;

  public TokenExpiresTooSoonException(String lakeFSUserId, Duration remaining) {
    super(describe(lakeFSUserId, remaining), null, null);
    this.remaining = remaining;
  }

  /** The token's remaining life when it was presented. */
  public Duration remaining() {
    return remaining;
  }

  private static String describe(String lakeFSUserId, Duration remaining) {
    String when = remaining.isNegative() || remaining.isZero() ? "has expired"
        : "expires in " + remaining.toSeconds() + " s";
    return "The delegation token of lakeFS user '" + lakeFSUserId + "' " + when + ", sooner than the "
        + StsSettings.MIN_DURATION.toMinutes() + " minutes that STS credentials last at the least, and credentials"
        + " must not outlive the token; renew the token, or obtain a new one, and ask again.";
  }
}
