package io.lakefs.sts.service.sts;

import java.time.Duration;

/**
 * What the issuers count, for metrics: the HTTP layer implements this and exports it (to Prometheus); tests
 * count with it. Called on the requesting thread, so implementations must be thread-safe and quick.
 */
public interface IssuerListener {
  /** Counts nothing. */
  IssuerListener NONE = new IssuerListener() {
  };

  /** STS issued credentials; {@code stsLatency} is that AssumeRole call's. */
  default void issued(Duration stsLatency) {
  }

  /**
   * One AssumeRole attempt failed, retried or not. {@code errorCode} is STS's (Throttling, AccessDenied...) or,
   * when no answer came, ClientTimeout, ConnectionFailure or ClientFailure (e.g. no AWS credentials to sign with).
   */
  default void stsError(String errorCode, Duration stsLatency) {
  }

  /** Credentials were served from the cache. */
  default void cacheHit() {
  }

  /** A request waited for the identical STS call another request had in flight, instead of making its own. */
  default void sharedCall() {
  }
}
