package io.lakefs.sts.service.scope;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One location a credential may use, and how (see {@link AccessLevel}): a repository's storage namespace
 * (any level), or an import location (always {@link AccessLevel#READ}). When the location's objects are
 * encrypted with SSE-KMS, the key they are encrypted with. {@link SessionPolicy#scope()} returns the merged
 * grants for the HTTP answer and the audit log.
 *
 * @param kmsKeyArn the KMS key of the location's objects, whose use the credential then needs too
 */
public record Grant(StorageNamespace location, AccessLevel access, Optional<String> kmsKeyArn)
    implements Comparable<Grant> {
  /** Where lakeFS places every object it writes, relative to the namespace ({@code upload.DefaultDataPrefix}). */
  public static final String DATA_PREFIX = "data/";
  private static final Comparator<Grant> ORDER = Comparator.comparing(Grant::location)
      .thenComparing(Grant::access).thenComparing(grant -> grant.kmsKeyArn().orElse(""));

  public Grant {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
  }

  /** A grant on unencrypted (or SSE-S3) objects. */
  public Grant(StorageNamespace location, AccessLevel access) {
    this(location, access, Optional.empty());
  }

  /** The same grant on objects encrypted with this KMS key. */
  public Grant withKmsKey(String keyArn) {
    return new Grant(location, access, Optional.of(keyArn));
  }

  /** {@code <location>/data/}: the only place WRITE puts and GC deletes. */
  public StorageNamespace dataArea() {
    return location.within(DATA_PREFIX);
  }

  /**
   * True when this grant alone allows every request that {@code other} allows: it reads everything other
   * reads, writes (or deletes) everything other does, and with the same KMS key.
   */
  public boolean covers(Grant other) {
    return location.covers(other.location) && access.includes(other.access)
        && (other.access == AccessLevel.READ || dataArea().covers(other.dataArea()))
        && (other.kmsKeyArn.isEmpty() || other.kmsKeyArn.equals(kmsKeyArn));
  }

  @Override
  public int compareTo(Grant other) {
    return ORDER.compare(this, other);
  }

  /** For logs: {@code s3://bucket/prefix/ (read)}, with {@code , kms <key>} when encrypted. */
  @Override
  public String toString() {
    return location + " (" + access.wireName() + kmsKeyArn.map(key -> ", kms " + key).orElse("") + ")";
  }
}
