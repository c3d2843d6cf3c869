package io.lakefs.sts.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret string (a secret access key, a session token, a token's password, a lakeFS secret key) that is
 * never printed: {@link #toString()} is {@code <redacted>}, so a log line, an exception message or a
 * debugger's summary cannot show it by accident. Read it only with {@link #reveal()}, at the one place that
 * hands it on. Equality compares in constant time, and the hash code is the same for every secret, so neither
 * leaks anything about the value.
 */
public final class Secret {
  private static final String REDACTED = "<redacted>";
  /** Constant: a hash derived from the secret would be a (weak) fingerprint of it. */
  private static final int HASH = 0x5ec2e7;

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** @throws NullPointerException when {@code value} is null */
  public static Secret of(String value) {
    if (value == null) {
      throw new NullPointerException("secret value");
    }
    return new Secret(value);
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
    if (!(o instanceof Secret)) {
      return false;
    }
    // Constant-time, so comparing a presented secret with the real one leaks nothing through timing.
    return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
        ((Secret) o).value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return HASH;
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
