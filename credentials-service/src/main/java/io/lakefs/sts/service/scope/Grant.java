package io.lakefs.sts.service.scope;

import java.util.Comparator;
import java.util.Objects;

/**
 * One storage namespace a credential may use, and how. The service builds one per repository the user may
 * access; {@link SessionPolicy#scope()} returns the merged grants for the HTTP answer and the audit log.
 */
public record Grant(StorageNamespace location, AccessLevel access) implements Comparable<Grant> {
  private static final Comparator<Grant> ORDER =
      Comparator.comparing(Grant::location).thenComparing(Grant::access);

  public Grant {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(access, "access");
  }

  /** True when this grant alone allows every request that {@code other} allows. */
  public boolean covers(Grant other) {
    return location.covers(other.location) && access.includes(other.access);
  }

  @Override
  public int compareTo(Grant other) {
    return ORDER.compare(this, other);
  }

  /** For logs: {@code s3://bucket/prefix/ (read)}. */
  @Override
  public String toString() {
    return location + " (" + access.wireName() + ")";
  }
}
