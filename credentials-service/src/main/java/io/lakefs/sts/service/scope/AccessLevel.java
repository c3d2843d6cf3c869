package io.lakefs.sts.service.scope;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How much of a storage namespace a credential may use. WRITE includes everything READ allows. */
public enum AccessLevel {
  READ,
  WRITE;

  /** Parses "read" or "write", in any case. */
  public static AccessLevel parse(String value) {
    if (value != null) {
      for (AccessLevel level : values()) {
        if (level.wireName().equals(value.toLowerCase(Locale.ROOT))) {
          return level;
        }
      }
    }
    throw new IllegalArgumentException("Unknown access level '" + value + "'; allowed values are "
        + Arrays.stream(values()).map(AccessLevel::wireName).collect(Collectors.joining(", ")) + ".");
  }

  /** The lower-case name used on the wire and in audit logs. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this level allows everything {@code other} allows. */
  public boolean includes(AccessLevel other) {
    return compareTo(other) >= 0;
  }
}
