package io.lakefs.sts.service.scope;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much of a repository's storage namespace a credential may use, following lakeFS's layout (objects
 * under {@code <namespace>/data/}, written once by clients and deleted only by garbage collection; commit
 * metadata under {@code <namespace>/_lakefs/}, written by lakeFS alone):
 * <ul>
 *   <li>{@link #READ}: get and list everything under the namespace;</li>
 *   <li>{@link #WRITE}: READ, and put (multipart too) under {@code data/} only; never delete;</li>
 *   <li>{@link #GC}: READ, and delete under {@code data/} only, for garbage collection's sweep.</li>
 * </ul>
 * WRITE and GC each include READ, neither includes the other. Import locations are READ whatever is asked.
 */
public enum AccessLevel {
  READ,
  WRITE,
  GC;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** Parses "read", "write" or "gc", in any case. */
  public static AccessLevel parse(String value) {
    if (value != null) {
      String lowerCase = value.toLowerCase(Locale.ROOT);
      for (AccessLevel level : values()) {
        if (level.wireName.equals(lowerCase)) {
          return level;
        }
      }
    }
    throw new IllegalArgumentException("Unknown access level '" + value + "'; allowed values are "
        + Arrays.stream(values()).map(AccessLevel::wireName).collect(Collectors.joining(", ")) + ".");
  }

  /** The lower-case name used on the wire and in audit logs. */
  public String wireName() {
    return wireName;
  }

  /** True when this level allows everything {@code other} allows. */
  public boolean includes(AccessLevel other) {
    return other == this || other == READ;
  }
}
