package io.lakefs.sts.service.sts;

import java.time.Duration;

/** STS still throttled the service's AssumeRole calls after every attempt the retry policy allows. */
public final class StsThrottledException extends StsUnavailableException {
  public StsThrottledException(String message, Duration retryAfter, String stsErrorCode, Throwable cause) {
    super(message, retryAfter, stsErrorCode, cause);
  }
}
