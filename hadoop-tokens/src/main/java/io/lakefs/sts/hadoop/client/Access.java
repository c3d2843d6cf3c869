package io.lakefs.sts.hadoop.client;

import java.util.Locale;

/** The access asked of the service for the repositories: read, or read and write. */
public enum Access {
  READ, WRITE;

  /** As the service's API spells it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read} or {@code write} (any case); {@code key} names where the value came from. */
  public static Access parse(String value, String key) {
    for (Access access : values()) {
      if (access.wireName().equalsIgnoreCase(value.trim())) {
        return access;
      }
    }
    throw new IllegalArgumentException(key + " is '" + value + "'; set it to read or write");
  }
}
