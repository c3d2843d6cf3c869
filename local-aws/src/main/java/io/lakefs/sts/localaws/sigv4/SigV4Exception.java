package io.lakefs.sts.localaws.sigv4;

import java.util.Objects;

/**
 * A request whose SigV4 authentication failed. The message says what is wrong in terms the client can act
 * on; it never contains a secret, a signature, or a key derived from a secret.
 */
public final class SigV4Exception extends Exception {
  /** Why verification failed; endpoints map each to their service's error code. */
  public enum Reason {
    /** The request carries no SigV4 authentication at all (anonymous). */
    MISSING,
    /** SigV4 authentication is present but cannot be parsed, or lacks a required part. */
    MALFORMED,
    /** The signature does not match the request and secret. */
    MISMATCH,
    /** The request time is further from the server clock than the allowed skew. */
    CLOCK_SKEW,
    /** A presigned request used after X-Amz-Date + X-Amz-Expires. */
    PRESIGNED_EXPIRED
  }

  private final Reason reason;

  public SigV4Exception(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
