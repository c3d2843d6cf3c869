package io.lakefs.sts.hadoop.token;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * A secret string whose {@code toString()} never shows it, so a log line or exception message that prints an
 * identifier or its credentials cannot leak it by accident. Read the value only where it is used.
 */
public final class RedactedSecret {
  private final String value;

  private RedactedSecret(String value) {
    this.value = requireNonNull(value, "secret value");
  }

  public static RedactedSecret of(String value) {
    return new RedactedSecret(value);
  }

  /** The secret itself: pass it on to where it is used, never to a log. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    // Constant-time, so comparing tokens leaks nothing through timing.
    return o instanceof RedactedSecret other
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
            other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    // Constant: a hash derived from the secret would be a (weak) fingerprint of it.
    return 0x5ec2e7;
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "<empty>" : "<redacted>";
  }
}
