package io.lakefs.sts.service.tokens;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the instances of the service meet in ZooKeeper, and how they connect. Everything lives under
 * {@link #path()}: the hadoop-auth cookie secret and Hadoop's delegation-token store.
 *
 * @param connect the ensemble, {@code host:port[,host:port...]}
 * @param path an absolute znode path other than {@code /}
 * @param kerberos present exactly when {@code auth} is SASL
 */
public record ZooKeeperSettings(String connect, String path, ZooKeeperAuth auth, Optional<KerberosLogin> kerberos,
    Duration connectionTimeout, Duration sessionTimeout) {

  public ZooKeeperSettings {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(kerberos, "kerberos");
    if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
      throw new IllegalArgumentException("'" + path + "' is not an absolute znode path below /, e.g. /lakefs-sts");
    }
    if ((auth == ZooKeeperAuth.SASL) != kerberos.isPresent()) {
      throw new IllegalArgumentException("a Kerberos login is needed with sasl and only with it");
    }
  }

  /** The znode of hadoop-auth's cookie signer secret (KMS names it the same way). */
  public String signerSecretPath() {
    return path + "/hadoop-auth-signature-secret";
  }

  /**
   * The working path of Hadoop's ZKDelegationTokenSecretManager; it becomes a Curator namespace, which is
   * written without the leading slash. Tokens end up under {@code <path>/ZKDTSMRoot}.
   */
  public String tokenWorkingPath() {
    return path.substring(1);
  }
}
