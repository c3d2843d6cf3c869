package io.lakefs.sts.protocol;

import java.util.Locale;

/**
 * The access asked of the service for the repositories ({@link ServiceApi#ACCESS}), as its access levels define them: read; read and write
 * new objects under the namespace's {@code data/}; or read and delete there (lakeFS's garbage-collection sweep).
 */
public enum Access {
  READ, WRITE, GC;

  /** As the service's API spells it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read}, {@code write} or {@code gc} (any case); {@code key} names where the value came from. */
  public static Access parse(String value, String key) {
    for (Access access : values()) {
      if (access.wireName().equalsIgnoreCase(value.trim())) {
        return access;
      }
    }
    throw new IllegalArgumentException(key + " is '" + value + "'; set it to read, write or gc");
  }
}
