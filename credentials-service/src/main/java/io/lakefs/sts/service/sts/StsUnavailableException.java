package io.lakefs.sts.service.sts;

import java.time.Duration;
import java.util.Objects;

/** STS could not be asked now (down, unreachable, too slow, not active in the region); worth retrying later. */
public class StsUnavailableException extends CredentialsIssueException {
  private final Duration retryAfter;

  public StsUnavailableException(String message, Duration retryAfter, String stsErrorCode, Throwable cause) {
    super(message, stsErrorCode, cause);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** When to try again. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** For an HTTP Retry-After header: whole seconds, at least 1. */
  public long retryAfterSeconds() {
    return StsFailures.wholeSeconds(retryAfter);
  }
}
