package io.lakefs.sts.service.tokens;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.authentication.server.AuthenticationFilter;
import org.apache.hadoop.security.authentication.util.ZKSignerSecretProvider;
import org.apache.hadoop.security.token.delegation.ZKDelegationTokenSecretManager;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenManager;

/**
 * How long the service's delegation tokens live and where their secrets are kept: in this instance's memory
 * (no {@code zooKeeper}), or in ZooKeeper, shared by every instance.
 *
 * @param maxLifetime how long a token may live however often it is renewed
 * @param renewInterval how long a token lives after it is issued or renewed
 */
public record TokenStoreSettings(Duration maxLifetime, Duration renewInterval, Optional<ZooKeeperSettings> zooKeeper) {

  public TokenStoreSettings {
    Objects.requireNonNull(zooKeeper, "zooKeeper");
    if (maxLifetime.toSeconds() <= 0 || renewInterval.toSeconds() <= 0) {
      throw new IllegalArgumentException("token lifetimes must be at least one second");
    }
    if (renewInterval.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException("the renew interval (" + renewInterval.toSeconds()
          + " s) is longer than the maximum lifetime (" + maxLifetime.toSeconds() + " s)");
    }
  }

  /** How often the signing key rolls over: Hadoop's default, one day. */
  public Duration keyUpdateInterval() {
    return Duration.ofSeconds(DelegationTokenManager.UPDATE_INTERVAL_DEFAULT);
  }

  /** How often expired tokens are purged: Hadoop's default, one hour. */
  public Duration removalScanInterval() {
    return Duration.ofSeconds(DelegationTokenManager.REMOVAL_SCAN_INTERVAL_DEFAULT);
  }

  /**
   * hadoop-auth filter parameters: the token lifetimes, and with ZooKeeper its signer secret provider, so the
   * hadoop-auth cookie verifies on every instance (as Hadoop KMS and HttpFS do for HA). The tokens themselves
   * live in the service's own secret manager ({@link ScopedTokens}), handed to the filter as its external one.
   * None of these is a secret (hadoop-auth logs its parameters); ZooKeeper TLS, whose keystore passwords
   * would be, is not offered.
   */
  public Map<String, String> hadoopAuthParameters() {
    Map<String, String> parameters = new LinkedHashMap<>(lifetimes());
    zooKeeper.ifPresent(zk -> {
      parameters.put(AuthenticationFilter.SIGNER_SECRET_PROVIDER, "zookeeper");
      parameters.put(ZKSignerSecretProvider.ZOOKEEPER_CONNECTION_STRING, zk.connect());
      parameters.put(ZKSignerSecretProvider.ZOOKEEPER_PATH, zk.signerSecretPath());
      parameters.put(ZKSignerSecretProvider.ZOOKEEPER_AUTH_TYPE, zk.auth().hadoopName());
      // The ZooKeeper client is the service's (SharedZooKeeperClient); it closes it after the filter is gone.
      parameters.put(ZKSignerSecretProvider.DISCONNECT_FROM_ZOOKEEPER_ON_SHUTDOWN, "false");
      zk.kerberos().ifPresent(login -> {
        parameters.put(ZKSignerSecretProvider.ZOOKEEPER_KERBEROS_PRINCIPAL, login.principal());
        parameters.put(ZKSignerSecretProvider.ZOOKEEPER_KERBEROS_KEYTAB, login.keytab());
      });
    });
    return parameters;
  }

  /**
   * The configuration of Hadoop's ZKDelegationTokenSecretManager with the zookeeper store (tokens under
   * {@code <path>/ZKDTSMRoot}); it runs on the service's ZooKeeper client, so no connection keys are needed.
   */
  public Configuration secretManagerConfiguration() {
    Configuration conf = new Configuration(false);
    lifetimes().forEach(conf::set);
    zooKeeper.ifPresent(zk -> conf.set(ZKDelegationTokenSecretManager.ZK_DTSM_ZNODE_WORKING_PATH,
        zk.tokenWorkingPath()));
    return conf;
  }

  private Map<String, String> lifetimes() {
    return Map.of(DelegationTokenManager.MAX_LIFETIME, Long.toString(maxLifetime.toSeconds()),
        DelegationTokenManager.RENEW_INTERVAL, Long.toString(renewInterval.toSeconds()));
  }
}
