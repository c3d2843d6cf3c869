package io.lakefs.sts.service;

import java.util.Objects;

/**
 * A secret string (a secret access key, a session token) whose {@link #toString()} is redacted, so that a log
 * line, an exception message or a debugger's summary cannot show it by accident. Read it only with
 * {@link #reveal()}, at the one place that hands it on.
 */
public final class Secret {
  private static final String REDACTED = "<redacted>";
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
