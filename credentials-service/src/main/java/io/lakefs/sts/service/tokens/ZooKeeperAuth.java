package io.lakefs.sts.service.tokens;

import java.util.Locale;

/**
 * How the service authenticates to ZooKeeper; the two schemes Hadoop's ZooKeeper clients (hadoop-auth's
 * {@code ZookeeperClient}) support. There is no digest scheme there, so no ZooKeeper password to keep.
 */
public enum ZooKeeperAuth {
  /** No authentication; znodes get open ACLs, so the ensemble must be reachable by the service only. */
  NONE,
  /** SASL/Kerberos; znodes get ACLs for the service's principal only. */
  SASL;

  public static ZooKeeperAuth parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "sasl" -> SASL;
      default -> throw new IllegalArgumentException("unknown ZooKeeper authentication '" + value
          + "'; use none or sasl (Kerberos)");
    };
  }

  /** The value of Hadoop's {@code zkAuthType} / {@code auth.type} properties. */
  public String hadoopName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
